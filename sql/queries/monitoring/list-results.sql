-- $1 county, $2 point id: every result of the point, oldest first (soil before crop on the same day).
SELECT r.id, to_char(r.sampled_on, 'YYYY-MM-DD') AS sampled_on, r.medium, r.crop, r.ph, r.organic_matter_g_kg,
       r.plough_depth_cm, r.values_mg_kg, r.is_generated, r.import_id, r.entered_by, r.entered_at
FROM monitoring_result r
WHERE r.adcode = $1 AND r.point_id = $2
ORDER BY r.sampled_on, r.medium DESC, r.crop NULLS FIRST, r.id
