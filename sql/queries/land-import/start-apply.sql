-- $1 import, $2 apply mode, $3 actor. Marks a checked (or cancelled / failed) import as applying; nothing when
-- another apply of it runs or it was applied.
UPDATE land_import
SET status = 'applying', apply_mode = $2, applied_by = $3, progress_done = 0, is_cancel_requested = false,
    message = NULL, finished_at = NULL
WHERE id = $1 AND status IN ('checked', 'cancelled', 'failed')
RETURNING id
