-- $1 import, $2 county, $3 area outside the county tolerated (m²), $4 relative difference of area and TBMJ reported.
-- For the features with a sound polygon: the area outside the county, the township (staging took the one the first
-- 9 digits of 坐落单位代码 name; else the township holding a point of the outline) and the geodetic area staging
-- stored against the file's 图斑面积. Only the features with a problem or a township found here are written.
WITH placed AS (
  -- features whose outline passed the geometry checks: area outside the county (ST_Covers with the county first so
  -- that its outline is prepared once for all features), area difference, and the township by place when staging
  -- found none by code
  SELECT s.seq,
         CASE WHEN ST_Covers(c.geom, s.geom) THEN 0
              ELSE ST_Area(ST_Difference(s.geom, c.geom)::geography) END AS outside_m2,
         coalesce(s.township_code,
           (SELECT t.code FROM township t
            WHERE t.adcode = $2 AND t.geom IS NOT NULL AND ST_Intersects(t.geom, ST_PointOnSurface(s.geom))
            ORDER BY t.code LIMIT 1)) AS township_code,
         s.township_code IS NULL AS is_placed_here,
         s.area_m2,
         CASE WHEN s.tbmj ~ '^[0-9]+(\.[0-9]+)?$' AND s.tbmj::double precision > 0
              THEN abs(s.area_m2 - s.tbmj::double precision) / s.tbmj::double precision END AS ratio,
         s.tbmj,
         s.geom
  FROM land_import_feature s CROSS JOIN (SELECT geom FROM county WHERE adcode = $2) c
  WHERE s.import_id = $1 AND s.geom IS NOT NULL
    AND NOT s.problems @> '[{"severity": "error"}]'::jsonb
),
found AS (
  -- the problems of each feature
  SELECT p.seq, p.township_code, p.is_placed_here, p.geom,
         jsonb_path_query_array(jsonb_build_array(
           CASE WHEN p.outside_m2 > $3 THEN jsonb_build_object('code', 'OUTSIDE_COUNTY', 'severity', 'error',
                  'areaM2', round(p.outside_m2::numeric, 2)) END,
           CASE WHEN p.ratio > $4 THEN jsonb_build_object('code', 'AREA_MISMATCH', 'severity', 'warning',
                  'areaM2', round(p.area_m2::numeric, 2), 'tbmj', p.tbmj::double precision, 'ratio', round(p.ratio::numeric, 4)) END,
           CASE WHEN p.township_code IS NULL THEN jsonb_build_object('code', 'NO_TOWNSHIP', 'severity', 'warning') END
         ), '$[*] ? (@ != null)') AS found
  FROM placed p
)
UPDATE land_import_feature f
SET township_code = fo.township_code,
    problems = CASE WHEN fo.found = '[]'::jsonb THEN f.problems
                    ELSE f.problems || (
                      -- each problem placed at a point of the outline
                      SELECT jsonb_agg(e || jsonb_build_object('location', jsonb_build_array(
                               round(ST_X(pt.point)::numeric, 7), round(ST_Y(pt.point)::numeric, 7))))
                      FROM jsonb_array_elements(fo.found) e CROSS JOIN (SELECT ST_PointOnSurface(fo.geom) AS point) pt) END
FROM found fo
WHERE f.import_id = $1 AND f.seq = fo.seq
  AND (fo.found <> '[]'::jsonb OR (fo.is_placed_here AND fo.township_code IS NOT NULL))
