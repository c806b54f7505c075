-- One page of the public collection `plots` (OGC API - Features): the published registry as /api/public/plots serves
-- it (published_plot holds public fields only), with the outline written by PostGIS. $1, $2 the last feature of the
-- previous page (county code, id; '' and 0 for the first), $3 rows to read (the page and one more, so that the caller
-- knows whether a next page exists), $4–$7 a CGCS2000 longitude/latitude box the outline must intersect or NULLs,
-- $8 true: north first (the axis order EPSG declares for EPSG:4490 and the Gauss-Krüger CRSs), $9 one feature's id
-- or NULL, $10 the EPSG code of the output CRS (4490, or a county's 3° Gauss-Krüger CRS). Keyset paging on the
-- primary key.
SELECT p.id, p.adcode::text, c.name AS county, c.city, p.code, p.name, p.status, p.risk_level, p.former_industry,
       p.former_industry_note, p.address, p.negative_uses, p.area_m2, p.published_at, p.is_generated,
       ARRAY[ST_XMin(p.geom), ST_YMin(p.geom), ST_XMax(p.geom), ST_YMax(p.geom)] AS bbox,
       ST_AsGeoJSON(CASE WHEN $8::boolean THEN ST_FlipCoordinates(ST_Transform(p.geom, $10::int))
                         ELSE ST_Transform(p.geom, $10::int) END,
                    CASE WHEN $10::int = 4490 THEN 7 ELSE 3 END) AS geometry
FROM published_plot p JOIN county c USING (adcode)
WHERE (p.adcode, p.id) > ($1::bpchar, $2::bigint)
  AND ($9::bigint IS NULL OR p.id = $9::bigint)
  AND ($4::float8 IS NULL OR ST_Intersects(p.geom, ST_MakeEnvelope($4, $5, $6, $7, 4490)))
  AND TRUE -- filter
ORDER BY p.adcode, p.id
LIMIT $3
