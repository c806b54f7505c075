-- $1 import, $2 status, $3 message, $4 officer, $5 result counts, $6 lines done, $7 lines in all. The state of an
-- update's apply; finished_at when it ends.
UPDATE land_update
SET status = $2, message = $3, applied_by = coalesce($4, applied_by), result = coalesce($5::jsonb, result),
    progress_done = coalesce($6, progress_done), progress_total = coalesce($7, progress_total),
    finished_at = CASE WHEN $2 IN ('applied', 'cancelled', 'failed') THEN now() END
WHERE import_id = $1
RETURNING status
