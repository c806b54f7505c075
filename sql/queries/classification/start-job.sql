-- $1 adcode, $2 job id. Queued → running, unless a cancel came first.
UPDATE classification_job SET status = 'running'
WHERE adcode = $1 AND id = $2 AND status = 'queued' AND NOT is_cancel_requested
RETURNING id
