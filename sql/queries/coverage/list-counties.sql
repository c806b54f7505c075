-- The counties $1 with their city and province (the coverage table's rows) and their extent.
SELECT c.adcode::text, c.name, c.city_code::text, c.city, c.province,
       ARRAY[ST_XMin(c.geom), ST_YMin(c.geom), ST_XMax(c.geom), ST_YMax(c.geom)] AS bbox
FROM county c
WHERE c.adcode = ANY($1::text[])
ORDER BY c.city_code, c.adcode
