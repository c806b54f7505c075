-- $1 adcode, $2 point codes, $3 dates, $4 media, $5 crops, $6 pH, $7 organic matter g/kg, $8 values (JSON text),
-- $9 plough-layer depth cm
INSERT INTO monitoring_result (adcode, point_id, sampled_on, medium, crop, ph, organic_matter_g_kg, values_mg_kg, plough_depth_cm, is_generated)
SELECT $1, mp.id, r.sampled_on, r.medium, r.crop, r.ph, r.om, r.vals::jsonb, r.depth, true
FROM unnest($2::text[], $3::date[], $4::text[], $5::text[], $6::numeric[], $7::numeric[], $8::text[], $9::numeric[])
     AS r(code, sampled_on, medium, crop, ph, om, vals, depth)
JOIN monitoring_point mp ON mp.adcode = $1 AND mp.code = r.code
