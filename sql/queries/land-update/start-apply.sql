-- $1 import, $2 officer. Marks a planned (or cancelled / failed) update as applying; nothing when it runs or ran.
UPDATE land_update
SET status = 'applying', applied_by = $2, progress_done = 0, progress_total = match_count, message = NULL,
    finished_at = NULL
WHERE import_id = $1 AND status IN ('planned', 'cancelled', 'failed')
RETURNING import_id
