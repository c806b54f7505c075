-- $1 adcode, $2 point ids. Those monitoring points with a result: its land use at the point, its latest soil
-- result and its latest crop result (each point is graded once per job).
SELECT mp.id, mp.code, mp.land_use,
       to_char(s.sampled_on, 'YYYY-MM-DD') AS soil_on, s.ph::float8 AS ph, s.values_mg_kg AS soil_values,
       to_char(c.sampled_on, 'YYYY-MM-DD') AS crop_on, c.crop, c.values_mg_kg AS crop_values
FROM monitoring_point mp
-- the latest soil result of the point
LEFT JOIN LATERAL (
  SELECT r.sampled_on, r.ph, r.values_mg_kg FROM monitoring_result r
  WHERE r.adcode = mp.adcode AND r.point_id = mp.id AND r.medium = 'soil'
  ORDER BY r.sampled_on DESC, r.id DESC LIMIT 1
) s ON true
-- the latest crop result of the point
LEFT JOIN LATERAL (
  SELECT r.sampled_on, r.crop, r.values_mg_kg FROM monitoring_result r
  WHERE r.adcode = mp.adcode AND r.point_id = mp.id AND r.medium = 'crop'
  ORDER BY r.sampled_on DESC, r.id DESC LIMIT 1
) c ON true
WHERE mp.adcode = $1 AND mp.id = ANY($2::bigint[]) AND (s.sampled_on IS NOT NULL OR c.sampled_on IS NOT NULL)
