-- $1 county codes, $2 only complete lists (boolean). The class lists of these counties, newest first, each with
-- whether it is the county's current published list (the one published last).
SELECT l.id, l.adcode::text, c.name AS county, l.title, l.rule_set_version, l.is_complete, l.parcel_count,
       l.created_by, u.display_name AS created_by_name, l.created_at, l.updated_at, l.published_at,
       l.review_status, l.review_reason, l.priority_fall_explanation, l.version, l.published_version,
       (l.published_at IS NOT NULL AND l.published_at = max(l.published_at) OVER (PARTITION BY l.adcode)) AS is_current,
       j.id AS job_id, j.status AS job_status
FROM class_list l JOIN county c USING (adcode)
LEFT JOIN app_user u ON u.username = l.created_by
LEFT JOIN LATERAL (
  SELECT id, status FROM classification_job WHERE adcode = l.adcode AND list_id = l.id ORDER BY id DESC LIMIT 1
) j ON true
WHERE l.adcode = ANY($1::bpchar[])
ORDER BY l.created_at DESC, l.id DESC
LIMIT 200
