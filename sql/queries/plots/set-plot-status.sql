-- $1 id, $2 new lifecycle state, $3 risk level (null: keep), $4 editor. A lifecycle step; the next version.
UPDATE contaminated_plot
SET status = $2, risk_level = coalesce($3, risk_level), version = version + 1, updated_by = $4, updated_at = now()
WHERE id = $1
RETURNING version
