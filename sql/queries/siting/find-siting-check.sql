-- $1 check id. One siting check with its county, outline (GeoJSON) and everything recorded.
SELECT s.id, s.adcode::text, c.name AS county_name, c.city || ' ' || c.name AS county, s.number, s.project_name,
       s.reference, s.industry, s.is_controlled_industry, s.verdict, s.reasons, s.monitoring, s.rules, s.area_m2,
       s.checked_by, s.checked_by_name, s.checked_at, ST_AsGeoJSON(s.geom, 15)::jsonb AS geometry
FROM siting_check s JOIN county c USING (adcode)
WHERE s.id = $1
