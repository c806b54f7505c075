-- $1 zone id. The control zone's review state, locked for the transition.
SELECT z.adcode::text, z.id, z.code, z.name, z.review_status, z.version, z.published_version, c.name AS county
FROM control_zone z JOIN county c USING (adcode)
WHERE z.id = $1
FOR UPDATE OF z
