-- $1 the tile feature id (adcode × 1000 + area number) of an area of the latest version
SELECT a.code, a.adcode::text, c.name AS county, c.city, a.version, a.area_no, a.area_m2, a.parcel_count, a.townships,
       v.gap_m, v.min_area_m2, v.list_title, v.list_version, v.computed_at,
       ARRAY[ST_XMin(a.geom), ST_YMin(a.geom), ST_XMax(a.geom), ST_YMax(a.geom)] AS bbox
FROM priority_area_current a
JOIN priority_area_version v ON v.adcode = a.adcode AND v.version = a.version
JOIN county c ON c.adcode = a.adcode
WHERE a.adcode = lpad(($1::bigint / 1000)::text, 6, '0') AND a.area_no = ($1::bigint % 1000)::int
