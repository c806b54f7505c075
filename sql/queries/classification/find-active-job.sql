-- $1 adcode. The job of the county that is queued or running, if any.
SELECT id FROM classification_job WHERE adcode = $1 AND status IN ('queued', 'running')
