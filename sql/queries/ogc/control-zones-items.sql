-- One page of the public collection `control-zones` (OGC API - Features): published control zones with their
-- announcements as /api/public/control-zones serves them, with the outline written by PostGIS. Parameters as in
-- plots-items.sql: $1, $2 the last feature of the previous page, $3 rows to read, $4–$7 a box or NULLs, $8 latitude
-- first, $9 one feature's id or NULL, $10 the EPSG code of the output CRS.
SELECT z.id, z.adcode::text, c.name AS county, c.city, z.code, z.name, z.announcement_no,
       to_char(z.announcement_date, 'YYYY-MM-DD') AS announcement_date, z.announcement_text,
       z.monitor_soil, z.monitor_surface_water, z.monitor_groundwater, z.monitor_air,
       z.plot_codes, z.signs, z.area_m2, z.published_at, z.is_generated,
       ARRAY[ST_XMin(z.geom), ST_YMin(z.geom), ST_XMax(z.geom), ST_YMax(z.geom)] AS bbox,
       ST_AsGeoJSON(CASE WHEN $8::boolean THEN ST_FlipCoordinates(ST_Transform(z.geom, $10::int))
                         ELSE ST_Transform(z.geom, $10::int) END,
                    CASE WHEN $10::int = 4490 THEN 7 ELSE 3 END) AS geometry
FROM published_control_zone z JOIN county c USING (adcode)
WHERE (z.adcode, z.id) > ($1::bpchar, $2::bigint)
  AND ($9::bigint IS NULL OR z.id = $9::bigint)
  AND ($4::float8 IS NULL OR ST_Intersects(z.geom, ST_MakeEnvelope($4, $5, $6, $7, 4490)))
  AND TRUE -- filter
ORDER BY z.adcode, z.id
LIMIT $3
