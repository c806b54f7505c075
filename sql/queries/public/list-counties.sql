-- Every county served, its extent and the coverage of its soil monitoring network. Only counts leave here:
-- no point name, code or coordinate reaches the public side.
SELECT c.adcode::text, c.name, c.city, c.province,
       ARRAY[ST_XMin(c.geom), ST_YMin(c.geom), ST_XMax(c.geom), ST_YMax(c.geom)] AS bbox,
       m.points, m.national_points, m.provincial_points, m.city_points, m.county_points,
       f.farmland_m2
FROM county c
-- monitoring points of the county by level
CROSS JOIN LATERAL (
  SELECT count(*) AS points,
         count(*) FILTER (WHERE level = 'national') AS national_points,
         count(*) FILTER (WHERE level = 'provincial') AS provincial_points,
         count(*) FILTER (WHERE level = 'city') AS city_points,
         count(*) FILTER (WHERE level = 'county') AS county_points
  FROM monitoring_point WHERE adcode = c.adcode
) m
-- farmland area of the county
CROSS JOIN LATERAL (
  SELECT coalesce(sum(area_m2), 0) AS farmland_m2 FROM farmland_parcel WHERE adcode = c.adcode
) f
ORDER BY c.city_code, c.adcode
