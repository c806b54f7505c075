-- $1 import, $2 overlap area tolerated (m²). Pairs of sound polygons of the import that overlap by more than the
-- tolerance: both features get the problem, naming the other one and the place of the overlap. The pairs join the
-- staging table to itself so its spatial index finds the candidates.
WITH pairs AS (
  -- overlapping pairs, each once, with the overlap's area and a point of it
  SELECT a.seq AS a_seq, a.bsm AS a_bsm, b.seq AS b_seq, b.bsm AS b_bsm, o.area_m2, ST_PointOnSurface(o.shape) AS point
  FROM land_import_feature a
  -- each feature probes the GiST index for its later neighbours; `+ 0` and OFFSET 0 keep import_id and seq out of
  -- that probe: as plain columns the planner ANDs it with a primary-key scan of the whole import for every feature
  -- (when the freshly staged table has no statistics yet), which grows with the square of the features
  CROSS JOIN LATERAL (
    SELECT b.seq, b.bsm, b.geom, b.problems FROM land_import_feature b
    WHERE b.import_id + 0 = a.import_id AND b.seq + 0 > a.seq AND ST_Intersects(a.geom, b.geom)
    OFFSET 0
  ) b
  CROSS JOIN LATERAL (SELECT ST_CollectionExtract(ST_Intersection(a.geom, b.geom), 3) AS shape) s
  CROSS JOIN LATERAL (SELECT s.shape, ST_Area(s.shape::geography) AS area_m2) o
  WHERE a.import_id = $1
    AND NOT a.problems @> '[{"code": "MISSING_GEOMETRY"}]'::jsonb AND NOT b.problems @> '[{"code": "MISSING_GEOMETRY"}]'::jsonb
    AND NOT a.problems @> '[{"code": "NOT_POLYGON"}]'::jsonb AND NOT b.problems @> '[{"code": "NOT_POLYGON"}]'::jsonb
    AND NOT a.problems @> '[{"code": "INVALID_GEOMETRY"}]'::jsonb AND NOT b.problems @> '[{"code": "INVALID_GEOMETRY"}]'::jsonb
    AND NOT ST_Touches(a.geom, b.geom)
    AND o.area_m2 > $2
),
sides AS (
  -- each pair seen from both features
  SELECT a_seq AS seq, b_seq AS other_seq, b_bsm AS other_bsm, area_m2, point FROM pairs
  UNION ALL
  SELECT b_seq, a_seq, a_bsm, area_m2, point FROM pairs
),
found AS (
  -- the problems of each feature
  SELECT seq, jsonb_agg(jsonb_strip_nulls(jsonb_build_object('code', 'OVERLAP', 'severity', 'error',
           'otherSeq', other_seq, 'otherBsm', other_bsm, 'areaM2', round(area_m2::numeric, 2),
           'location', jsonb_build_array(round(ST_X(point)::numeric, 7), round(ST_Y(point)::numeric, 7))))) AS found
  FROM sides GROUP BY seq
)
UPDATE land_import_feature f
SET problems = f.problems || fo.found
FROM found fo
WHERE f.import_id = $1 AND f.seq = fo.seq
