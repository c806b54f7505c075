-- $1 job id. A job with its county and the rule set of its list.
SELECT j.id, j.adcode::text, c.name AS county, j.list_id, j.status, j.total, j.done, j.is_cancel_requested,
       j.error, j.started_by, j.created_at, j.finished_at, l.rule_set_version
FROM classification_job j JOIN county c USING (adcode)
LEFT JOIN class_list l ON l.adcode = j.adcode AND l.id = j.list_id
WHERE j.id = $1
