-- $1 import. Numbers the farmland parcels to apply in file order and stores the counts on the import.
WITH numbered AS (
  -- the order of the farmland parcels that will be applied
  SELECT seq, row_number() OVER (ORDER BY seq) AS n
  FROM land_import_feature WHERE import_id = $1 AND NOT is_refused AND target = 'farmland'
),
numbering AS (
  -- stored on the features
  UPDATE land_import_feature f SET farmland_no = n.n
  FROM numbered n WHERE f.import_id = $1 AND f.seq = n.seq
  RETURNING 1
)
UPDATE land_import i
SET status = 'checked',
    feature_count = c.total, refused_count = c.refused, warning_count = c.warned,
    progress_total = (SELECT count(*) FROM land_import_feature WHERE import_id = $1 AND NOT is_refused)
FROM (
  SELECT count(*) AS total,
         count(*) FILTER (WHERE is_refused) AS refused,
         count(*) FILTER (WHERE NOT is_refused AND problems @> '[{"severity": "warning"}]'::jsonb) AS warned
  FROM land_import_feature WHERE import_id = $1
) c
WHERE i.id = $1
RETURNING i.feature_count, i.refused_count, i.warning_count, (SELECT count(*) FROM numbering)::integer AS farmland
