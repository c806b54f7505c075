-- A county created or its outline and names replaced; every record keyed by its code stays. $1 code, $2 name,
-- $3 city code, $4 city, $5 province, $6 outline (GeoJSON, EPSG:4490), $7 source. Returns the row before (null for
-- a new county).
WITH before AS (
  SELECT adcode, name, city_code, city, province, area_m2 FROM county WHERE adcode = $1::char(6) FOR UPDATE
),
up AS (
  INSERT INTO county (adcode, name, city_code, city, province, geom, source)
  VALUES ($1, $2, $3, $4, $5, ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_SetSRID(ST_GeomFromGeoJSON($6), 4490)), 3)), $7)
  ON CONFLICT (adcode) DO UPDATE
    SET name = EXCLUDED.name, city_code = EXCLUDED.city_code, city = EXCLUDED.city, province = EXCLUDED.province,
        geom = EXCLUDED.geom, source = EXCLUDED.source
  RETURNING area_m2
)
SELECT (SELECT row_to_json(b) FROM before b) AS before, (SELECT area_m2 FROM up) AS area_m2
