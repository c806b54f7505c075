-- $1 adcode, $2 job id. Asks a queued or running job to stop; the runner stops between two batches.
UPDATE classification_job SET is_cancel_requested = true
WHERE adcode = $1 AND id = $2 AND status IN ('queued', 'running')
RETURNING id
