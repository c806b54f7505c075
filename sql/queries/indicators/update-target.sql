-- $1 id, $2 target %, $3 comparator, $4 source, $5 user, $6 expected version. Nothing when the version moved on.
UPDATE indicator_target
SET target_pct = $2, comparator = $3, source = $4, confidence = 'R', updated_by = $5, updated_at = now(), version = version + 1
WHERE id = $1 AND version = $6
RETURNING id
