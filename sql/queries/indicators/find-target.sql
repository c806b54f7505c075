-- $1 id. One target, locked for an edit.
SELECT id, jurisdiction::text, indicator, year::int, target_pct, comparator, source, confidence, version, updated_by, updated_at
FROM indicator_target WHERE id = $1
FOR UPDATE
