-- $1 list code, $2 jurisdiction. The latest published version with its entries and who published it.
SELECT v.version, v.published_at, v.published_by, coalesce(u.display_name, v.published_by) AS published_by_name, v.entries
FROM registry_list_version v LEFT JOIN app_user u ON u.username = v.published_by
WHERE v.list_code = $1 AND v.jurisdiction = $2
ORDER BY v.version DESC
LIMIT 1
