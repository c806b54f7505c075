-- $1 county code, $2 last day counted (null = every result). Cropland monitoring points (三调 01xx) that are not
-- merely planned, with their latest soil result up to that day (null values when there is none).
SELECT p.id, p.code, p.name, p.level, p.point_type, p.status, p.land_use, p.township_code::text, t.name AS township,
       r.sampled_on::text, r.organic_matter_g_kg, r.plough_depth_cm, p.is_generated
FROM monitoring_point p
LEFT JOIN township t ON t.adcode = p.adcode AND t.code = p.township_code
LEFT JOIN LATERAL (
  SELECT sampled_on, organic_matter_g_kg, plough_depth_cm
  FROM monitoring_result
  WHERE adcode = p.adcode AND point_id = p.id AND medium = 'soil' AND ($2::date IS NULL OR sampled_on <= $2::date)
  ORDER BY sampled_on DESC, id DESC LIMIT 1
) r ON true
WHERE p.adcode = $1 AND p.land_use LIKE '01%' AND p.status <> 'planned'
ORDER BY p.township_code NULLS LAST, p.code
