-- $1 enterprise id. The enterprise, locked for an edit.
SELECT e.id, e.adcode::text, c.name AS county_name, e.credit_code, e.name, e.industry, e.status, e.version,
       ST_AsGeoJSON(e.geom, 8)::jsonb AS geometry
FROM supervised_enterprise e JOIN county c USING (adcode)
WHERE e.id = $1
FOR UPDATE OF e
