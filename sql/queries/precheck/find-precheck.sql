-- $1 check id. One check with its county, outline (GeoJSON) and everything recorded.
SELECT p.id, p.adcode::text, c.name AS county_name, c.city || ' ' || c.name AS county, p.number, p.name, p.reference,
       p.planned_use, p.land_class, p.verdict, p.reasons, p.data_version, p.area_m2, p.rerun_of,
       p.checked_by, p.checked_by_name, p.checked_at, ST_AsGeoJSON(p.geom, 15)::jsonb AS geometry
FROM precheck p JOIN county c USING (adcode)
WHERE p.id = $1
