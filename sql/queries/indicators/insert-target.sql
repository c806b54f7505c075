-- $1 jurisdiction, $2 indicator, $3 year, $4 target %, $5 comparator, $6 source, $7 user. Nothing when the
-- jurisdiction already has a target of that indicator and year.
INSERT INTO indicator_target (jurisdiction, indicator, year, target_pct, comparator, source, confidence, updated_by)
VALUES ($1, $2, $3, $4, $5, $6, 'R', $7)
ON CONFLICT (jurisdiction, indicator, year) DO NOTHING
RETURNING id
