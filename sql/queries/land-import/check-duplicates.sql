-- $1 import. Every feature whose 标识码 another feature of the file also has; it is refused and loses the township
-- staging found for it.
WITH repeated AS (
  -- BSM values found more than once
  SELECT bsm FROM land_import_feature WHERE import_id = $1 AND bsm IS NOT NULL GROUP BY bsm HAVING count(*) > 1
)
UPDATE land_import_feature f
SET township_code = NULL,
    problems = f.problems || jsonb_build_array(jsonb_strip_nulls(jsonb_build_object(
      'code', 'DUPLICATE_BSM', 'severity', 'error', 'value', f.bsm,
      'location', CASE WHEN f.geom IS NOT NULL AND NOT ST_IsEmpty(f.geom)
                       THEN jsonb_build_array(round(ST_X(ST_PointOnSurface(f.geom))::numeric, 7),
                                              round(ST_Y(ST_PointOnSurface(f.geom))::numeric, 7)) END)))
FROM repeated r
WHERE f.import_id = $1 AND f.bsm = r.bsm
