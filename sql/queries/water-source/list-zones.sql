-- The 饮用水水源保护区 of the counties $1, with their area, by county, source and level.
SELECT z.id::int, z.adcode::text, c.name AS county, z.source_name, z.source_type, z.level, z.approval_no,
       z.is_published, z.published_at, z.area_m2, z.file_name, z.imported_by, z.imported_at,
       ARRAY[ST_XMin(z.geom), ST_YMin(z.geom), ST_XMax(z.geom), ST_YMax(z.geom)] AS bbox
FROM water_source_zone z
JOIN county c ON c.adcode = z.adcode
WHERE z.adcode = ANY ($1::text[])
ORDER BY z.adcode, z.source_name, array_position(ARRAY['level1', 'level2', 'quasi'], z.level), z.id
