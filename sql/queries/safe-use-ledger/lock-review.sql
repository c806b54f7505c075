-- $1 ledger id. The ledger's review state, locked for the transition (rows being written wait), with its row count.
SELECT l.adcode::text, l.id, 'TZ-' || l.adcode || '-' || l.year AS code, c.name || ' ' || l.year || ' 年受污染耕地安全利用台账' AS name,
       l.review_status, l.version, l.published_version, c.name AS county,
       (SELECT count(*) FROM safe_use_account a WHERE a.adcode = l.adcode AND a.year = l.year)::int AS row_count
FROM safe_use_ledger l JOIN county c USING (adcode)
WHERE l.id = $1
FOR UPDATE OF l
