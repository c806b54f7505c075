-- $1 message. Jobs left queued or running by a server that stopped: they can never finish.
UPDATE classification_job SET status = 'failed', error = $1, finished_at = now()
WHERE status IN ('queued', 'running')
RETURNING id
