-- $1 enterprise id. One enterprise with its site outline (GeoJSON).
SELECT e.id, e.adcode::text, c.name AS county_name, c.city || ' ' || c.name AS county, e.credit_code, e.name, e.industry,
       e.industry_other, e.status, e.version, e.updated_at, e.area_m2, e.is_generated, ST_AsGeoJSON(e.geom, 8)::jsonb AS geometry
FROM supervised_enterprise e JOIN county c USING (adcode)
WHERE e.id = $1
