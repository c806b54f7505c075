-- $1 report id. Locks the report for handling.
SELECT r.adcode::text, r.id, c.name AS county, r.status, r.handled_by, r.handled_at
FROM public_report r JOIN county c USING (adcode)
WHERE r.id = $1
FOR UPDATE OF r
