-- $1 import, $2 refused only (true) or every feature with a problem, $3 limit, $4 offset. Features with problems in
-- file order.
SELECT seq, bsm, dlbm, is_refused, problems,
       CASE WHEN geom IS NOT NULL AND NOT ST_IsEmpty(geom)
            THEN ARRAY[ST_X(ST_PointOnSurface(geom)), ST_Y(ST_PointOnSurface(geom))] END AS point
FROM land_import_feature
WHERE import_id = $1 AND jsonb_array_length(problems) > 0 AND (NOT $2::boolean OR is_refused)
ORDER BY seq
LIMIT $3 OFFSET $4
