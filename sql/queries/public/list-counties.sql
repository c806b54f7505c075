-- Every county served, its extent and the coverage of its soil monitoring network. Only counts leave here:
-- no point name, code or coordinate reaches the public side. Active points only (planned and retired ones do
-- not count), farmland of the 三调 first-level classes $1, as the staff coverage view counts them.
SELECT c.adcode::text, c.name, c.city, c.province,
       ARRAY[ST_XMin(c.geom), ST_YMin(c.geom), ST_XMax(c.geom), ST_YMax(c.geom)] AS bbox,
       m.points, m.national_points, m.provincial_points, m.city_points, m.county_points,
       f.farmland_m2
FROM county c
-- active monitoring points of the county by level
CROSS JOIN LATERAL (
  SELECT count(*) AS points,
         count(*) FILTER (WHERE level = 'national') AS national_points,
         count(*) FILTER (WHERE level = 'provincial') AS provincial_points,
         count(*) FILTER (WHERE level = 'city') AS city_points,
         count(*) FILTER (WHERE level = 'county') AS county_points
  FROM monitoring_point WHERE adcode = c.adcode AND status = 'active'
) m
-- farmland area of the county
CROSS JOIN LATERAL (
  SELECT coalesce(sum(area_m2), 0) AS farmland_m2 FROM farmland_parcel WHERE adcode = c.adcode AND left(dlbm, 2) = ANY($1::text[])
) f
ORDER BY c.city_code, c.adcode
