-- $1 zone id. The zone's review state and version, locked while it is changed.
SELECT z.id, z.adcode::text, c.name AS county, z.code, z.review_status, z.version
FROM ban_zone z JOIN county c USING (adcode)
WHERE z.id = $1
FOR UPDATE OF z
