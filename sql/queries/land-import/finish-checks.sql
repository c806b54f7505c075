-- $1 import. Marks the features with a problem of severity error as refused and stores the counts on the import.
-- Only the rows whose mark changes are written (a data-modifying CTE runs to the end unread); the valid farmland
-- parcels are numbered in file order when they are applied (apply-farmland.sql).
WITH judged AS (
  -- refused or not
  SELECT seq, is_refused, target, problems, problems @> '[{"severity": "error"}]'::jsonb AS refused
  FROM land_import_feature WHERE import_id = $1
),
marked AS (
  -- stored on the features
  UPDATE land_import_feature f SET is_refused = j.refused
  FROM judged j
  WHERE f.import_id = $1 AND f.seq = j.seq AND j.is_refused IS DISTINCT FROM j.refused
),
counted AS (
  -- the counts, from the judgement (the update's rows are not visible to this statement)
  SELECT count(*) AS total,
         count(*) FILTER (WHERE refused) AS refused,
         count(*) FILTER (WHERE NOT refused AND problems @> '[{"severity": "warning"}]'::jsonb) AS warned,
         (count(*) FILTER (WHERE NOT refused AND target = 'farmland'))::integer AS farmland
  FROM judged
)
UPDATE land_import i
SET status = 'checked',
    feature_count = c.total, refused_count = c.refused, warning_count = c.warned,
    progress_total = c.total - c.refused
FROM counted c
WHERE i.id = $1
RETURNING i.feature_count, i.refused_count, i.warning_count, c.farmland
