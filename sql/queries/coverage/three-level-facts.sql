-- The three-level reading of the counties $1 as far as the data allow: soil types recorded at their points
-- (any status; the system holds no soil map) with the active ones, and the area of each first-level 三调 class
-- of their parcels with the active points recorded on that class.
SELECT 'soil' AS kind, adcode::text, soil_type AS key, count(*)::int AS points,
       count(*) FILTER (WHERE status = 'active')::int AS active_points, 0::float8 AS area_m2
FROM monitoring_point
WHERE adcode = ANY($1::text[]) AND coalesce(btrim(soil_type), '') <> ''
GROUP BY adcode, soil_type
UNION ALL
SELECT 'land', u.adcode::text, u.land_class, 0, coalesce(pt.active_points, 0), u.area_m2
FROM (
  SELECT adcode, left(dlbm, 2) AS land_class, sum(area_m2) AS area_m2
  FROM farmland_parcel WHERE adcode = ANY($1::text[]) GROUP BY adcode, left(dlbm, 2)
) u
LEFT JOIN (
  SELECT adcode, left(land_use, 2) AS land_class, count(*)::int AS active_points
  FROM monitoring_point WHERE adcode = ANY($1::text[]) AND status = 'active' GROUP BY adcode, left(land_use, 2)
) pt ON pt.adcode = u.adcode AND pt.land_class = u.land_class
ORDER BY 2, 1, 3
