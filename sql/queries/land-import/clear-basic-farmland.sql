-- $1 county. Removes the county's 永久基本农田 patches of earlier imports and of the sample data before a new
-- import replaces them; answers how many of each were removed.
WITH removed AS (
  DELETE FROM basic_farmland WHERE adcode = $1 AND (import_id IS NOT NULL OR is_generated)
  RETURNING is_generated
)
SELECT count(*) FILTER (WHERE NOT is_generated)::integer AS imported,
       count(*) FILTER (WHERE is_generated)::integer AS generated
FROM removed
