-- $1 list code, $2 jurisdiction, $3 version. One published version in full.
SELECT v.version, v.published_at, v.published_by, coalesce(u.display_name, v.published_by) AS published_by_name,
       v.entries, v.announcement
FROM registry_list_version v LEFT JOIN app_user u ON u.username = v.published_by
WHERE v.list_code = $1 AND v.jurisdiction = $2 AND v.version = $3
