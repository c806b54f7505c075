-- $1 results as JSON [{adcode, pointId, sampledOn, medium, crop, ph, organicMatterGKg, ploughDepthCm, values}],
-- $2 import id (null for a single entry), $3 entered by: the rows written; their ids.
INSERT INTO monitoring_result (adcode, point_id, sampled_on, medium, crop, ph, organic_matter_g_kg, plough_depth_cm,
                               values_mg_kg, import_id, entered_by)
SELECT r.adcode, r."pointId", r."sampledOn", r.medium, r.crop, r.ph, r."organicMatterGKg", r."ploughDepthCm",
       coalesce(r.values, '{}'::jsonb), $2, $3
FROM jsonb_to_recordset($1::jsonb) AS r(adcode char(6), "pointId" bigint, "sampledOn" date, medium text, crop text, ph numeric,
                                        "organicMatterGKg" numeric, "ploughDepthCm" numeric, values jsonb)
RETURNING id
