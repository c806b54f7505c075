-- $1 import, $2 overlap area tolerated (m²). Pairs of sound polygons of the import that overlap by more than the
-- tolerance: both features get the problem, naming the other one and the place of the overlap. The pairs join the
-- scratch table of the import's sound polygons (create-overlap-probe.sql) to itself so its spatial index finds the
-- candidates.
WITH pairs AS (
  -- overlapping pairs, each once, with the overlap's area and a point of it
  SELECT a.seq AS a_seq, a.bsm AS a_bsm, b.seq AS b_seq, b.bsm AS b_bsm, o.area_m2, ST_PointOnSurface(o.shape) AS point
  FROM land_import_probe a
  -- each feature probes the GiST index for its later neighbours
  CROSS JOIN LATERAL (
    SELECT b.seq, b.bsm, b.geom FROM land_import_probe b
    WHERE b.seq > a.seq AND ST_Intersects(a.geom, b.geom)
  ) b
  CROSS JOIN LATERAL (SELECT ST_CollectionExtract(ST_Intersection(a.geom, b.geom), 3) AS shape) s
  CROSS JOIN LATERAL (SELECT s.shape, ST_Area(s.shape::geography) AS area_m2) o
  WHERE NOT ST_Touches(a.geom, b.geom)
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
