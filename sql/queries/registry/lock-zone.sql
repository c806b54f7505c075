-- $1 zone id. The zone's version and review state, locked for an edit.
SELECT z.id, z.adcode::text, c.name AS county_name, z.code, z.name, z.review_status, z.version
FROM control_zone z JOIN county c USING (adcode)
WHERE z.id = $1
FOR UPDATE OF z
