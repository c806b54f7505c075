-- $1 adcode, $2 codes, $3 names, $4 levels, $5 types, $6 land use, $7 soil type, $8 lon, $9 lat
WITH p AS (
  SELECT code, name, level, point_type, land_use, soil_type, ST_SetSRID(ST_MakePoint(lon, lat), 4490) AS geom
  FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::float8[], $9::float8[])
       AS s(code, name, level, point_type, land_use, soil_type, lon, lat)
)
INSERT INTO monitoring_point (adcode, code, name, level, point_type, land_use, soil_type, township_code, geom, is_generated)
SELECT $1, p.code, p.name, p.level, p.point_type, p.land_use, p.soil_type,
       (SELECT t.code FROM township t WHERE t.adcode = $1 AND ST_Intersects(t.geom, p.geom) LIMIT 1),
       p.geom, true
FROM p
