-- $1 list id. One class list with its county.
SELECT l.id, l.adcode::text, c.name AS county, l.title, l.rule_set_version, l.is_complete, l.parcel_count,
       l.created_by, u.display_name AS created_by_name, l.created_at, l.updated_at, l.published_at,
       l.review_status, l.review_reason, l.priority_fall_explanation, l.version, l.published_version, false AS is_current,
       NULL::bigint AS job_id, NULL::text AS job_status
FROM class_list l JOIN county c USING (adcode)
LEFT JOIN app_user u ON u.username = l.created_by
WHERE l.id = $1
