-- $1 county codes. The jobs of these counties, newest first.
SELECT j.id, j.adcode::text, c.name AS county, j.list_id, j.status, j.total, j.done, j.is_cancel_requested,
       j.error, j.started_by, j.created_at, j.finished_at
FROM classification_job j JOIN county c USING (adcode)
WHERE j.adcode = ANY($1::bpchar[])
ORDER BY j.created_at DESC, j.id DESC
LIMIT 100
