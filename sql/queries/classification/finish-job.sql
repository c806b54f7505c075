-- $1 adcode, $2 job id, $3 final status (done | failed | cancelled), $4 error message for the user.
UPDATE classification_job SET status = $3, error = $4, finished_at = now()
WHERE adcode = $1 AND id = $2 AND status IN ('queued', 'running')
RETURNING id
