-- $1 adcode, $2 job id. What the runner checks between two batches (locked, so a cancel cannot slip past the end).
SELECT status, is_cancel_requested FROM classification_job WHERE adcode = $1 AND id = $2
FOR UPDATE
