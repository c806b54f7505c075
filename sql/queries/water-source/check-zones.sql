-- The checks of a county's 饮用水水源保护区 from a file, set-wise in one statement. $1 the county code; $2 the 1-based
-- index of each feature in its layer; $3 its GeoJSON geometry in the layer's CRS; $4 the EPSG code of that CRS;
-- $5 longest edge of a projected outline before it is transformed, m. One row per feature.
WITH f AS (
  -- projected outlines get vertices every $5 m first, so a long straight edge stays the same line after transformation
  SELECT u.idx,
         ST_Force2D(ST_Transform(
           CASE WHEN $4::int IN (4490, 4326) THEN ST_SetSRID(ST_GeomFromGeoJSON(u.g), $4::int)
                ELSE ST_Segmentize(ST_SetSRID(ST_GeomFromGeoJSON(u.g), $4::int), $5::float8) END, 4490)) AS geom
  FROM unnest($2::int[], $3::text[]) AS u(idx, g)
),
-- validity of every feature, with the place of the fault
v AS (
  SELECT f.idx, f.geom, GeometryType(f.geom) AS kind, d.valid, d.reason, d.location
  FROM f, LATERAL ST_IsValidDetail(f.geom) d
),
-- where each valid polygon feature lies against the county
c AS (
  SELECT v.*, ST_Intersects(v.geom, k.geom) AS meets_county,
         CASE WHEN v.valid AND v.kind IN ('POLYGON', 'MULTIPOLYGON') AND NOT ST_CoveredBy(v.geom, k.geom)
              THEN ST_Area(ST_Difference(v.geom, k.geom, 1e-9)::geography) ELSE 0 END AS outside_m2
  FROM v, county k
  WHERE k.adcode = $1::char(6)
)
SELECT idx, kind, valid, reason, meets_county, outside_m2,
       ST_X(coalesce(location, ST_PointOnSurface(geom))) AS lon,
       ST_Y(coalesce(location, ST_PointOnSurface(geom))) AS lat,
       CASE WHEN valid THEN ST_Area(geom::geography) END AS area_m2
FROM c
ORDER BY idx
