-- $1 list code, $2 jurisdiction, $3 how many. The latest published versions for the public feed (no publisher).
SELECT v.version, v.published_at, v.entries, v.announcement
FROM registry_list_version v
WHERE v.list_code = $1 AND v.jurisdiction = $2
ORDER BY v.version DESC
LIMIT $3
