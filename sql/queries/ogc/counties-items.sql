-- One page of the public collection `counties` (OGC API - Features): county outlines, written by PostGIS; their
-- public coverage figures are joined in by the caller from the public county list. $1 the last county code of the
-- previous page ('' for the first), $2 rows to read, $3–$6 a box or NULLs, $7 north first, $8 one county code or
-- NULL, $9 the EPSG code of the output CRS.
SELECT c.adcode::text AS adcode,
       ST_AsGeoJSON(CASE WHEN $7::boolean THEN ST_FlipCoordinates(ST_Transform(c.geom, $9::int))
                         ELSE ST_Transform(c.geom, $9::int) END,
                    CASE WHEN $9::int = 4490 THEN 7 ELSE 3 END) AS geometry
FROM county c
WHERE c.adcode > $1::bpchar AND c.geom IS NOT NULL
  AND ($8::text IS NULL OR c.adcode = $8::bpchar)
  AND ($3::float8 IS NULL OR ST_Intersects(c.geom, ST_MakeEnvelope($3, $4, $5, $6, 4490)))
  AND TRUE -- filter
ORDER BY c.adcode
LIMIT $2
