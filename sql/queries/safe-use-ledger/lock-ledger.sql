-- $1 county code, $2 year. The ledger locked while a change of its rows is written (a submission waits for it).
SELECT l.adcode::text, l.id, l.year::int, l.review_status, l.review_reason, l.version, l.published_version, c.name AS county
FROM safe_use_ledger l JOIN county c USING (adcode)
WHERE l.adcode = $1 AND l.year = $2
FOR UPDATE OF l
