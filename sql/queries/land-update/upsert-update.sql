-- $1 import, $2 county, $3 tolerance, $4 officer. Starts (or starts again) the plan of an annual update: its
-- earlier lines and decisions go.
INSERT INTO land_update (import_id, adcode, tolerance, created_by)
VALUES ($1, $2, $3, $4)
ON CONFLICT (import_id) DO UPDATE
SET tolerance = EXCLUDED.tolerance, created_by = EXCLUDED.created_by, created_at = now(), status = 'planned',
    match_count = 0, progress_done = 0, progress_total = 0, result = NULL, message = NULL, applied_by = NULL,
    finished_at = NULL
WHERE land_update.status IN ('planned', 'cancelled', 'failed')
RETURNING import_id
