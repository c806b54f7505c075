-- One page of the public collection `townships` (OGC API - Features): the township (街道) outlines the public map
-- draws, with the code, name and county the public map and search show. $1 the last township code of the previous
-- page ('' for the first), $2 rows to read, $3–$6 a box or NULLs, $7 north first (EPSG axis order of the output CRS),
-- $8 one township code or NULL, $9 the EPSG code of the output CRS (4490, or a 3° Gauss-Krüger CRS). Keyset paging
-- on the primary key (adcode, code): a township code starts with its county code.
SELECT t.code::text AS code, t.name, t.adcode::text AS adcode, c.city || ' ' || c.name AS county,
       ST_AsGeoJSON(CASE WHEN $7::boolean THEN ST_FlipCoordinates(ST_Transform(t.geom, $9::int))
                         ELSE ST_Transform(t.geom, $9::int) END,
                    CASE WHEN $9::int = 4490 THEN 7 ELSE 3 END) AS geometry
FROM township t JOIN county c USING (adcode)
WHERE t.geom IS NOT NULL
  AND (t.adcode, t.code) > (left($1::text, 6)::bpchar, $1::bpchar)
  AND ($8::text IS NULL OR t.code = $8::bpchar)
  AND ($3::float8 IS NULL OR ST_Intersects(t.geom, ST_MakeEnvelope($3, $4, $5, $6, 4490)))
  AND TRUE -- filter
ORDER BY t.adcode, t.code
LIMIT $2
