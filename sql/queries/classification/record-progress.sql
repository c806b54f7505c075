-- $1 adcode, $2 job id, $3 parcels just classified. Counts them and tells whether a cancel was asked for.
UPDATE classification_job SET done = done + $3
WHERE adcode = $1 AND id = $2
RETURNING done, is_cancel_requested
