SELECT p.id, p.code, p.dlbm, p.class, p.area_m2, p.version, p.is_generated, p.updated_at, p.updated_by,
       p.adcode::text, c.name AS county, c.city, t.name AS township,
       p.class_method, p.class_list_id, p.class_basis->>'summary' AS class_summary,
       p.class_basis->>'ruleSetVersion' AS class_rule_set, p.class_basis->'override'->>'reason' AS class_override_reason,
       p.class_basis->'override'->>'computedClass' AS class_computed,
       ARRAY[ST_XMin(p.geom), ST_YMin(p.geom), ST_XMax(p.geom), ST_YMax(p.geom)] AS bbox
FROM farmland_parcel p JOIN county c USING (adcode)
LEFT JOIN township t ON t.adcode = p.adcode AND t.code = p.township_code
WHERE p.id = $1
