-- $1 import, $2 status, $3 message, $4 apply mode, $5 actor, $6 parcels added, $7 context features added,
-- $8 features done. The state of an import's apply; finished_at when it ends.
UPDATE land_import
SET status = $2, message = $3, apply_mode = coalesce($4, apply_mode), applied_by = coalesce($5, applied_by),
    farmland_added = coalesce($6, farmland_added), context_added = coalesce($7, context_added),
    progress_done = coalesce($8, progress_done),
    is_cancel_requested = CASE WHEN $2 = 'applying' THEN false ELSE is_cancel_requested END,
    finished_at = CASE WHEN $2 IN ('applied', 'cancelled', 'failed') THEN now() END
WHERE id = $1
RETURNING status
