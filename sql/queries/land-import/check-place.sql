-- $1 import, $2 county, $3 area outside the county tolerated (m²), $4 relative difference of area and TBMJ reported.
-- For the features with a sound polygon: the area outside the county, the township (the first 9 digits of
-- 坐落单位代码 when the county has that township, else the township holding a point of the outline) and the
-- geodetic area against the file's 图斑面积 (the area is stored for the report).
WITH sound AS (
  -- features whose outline passed the geometry checks
  SELECT f.seq, f.geom, f.zldwdm, f.tbmj, ST_Area(f.geom::geography) AS area_m2
  FROM land_import_feature f
  WHERE f.import_id = $1 AND f.geom IS NOT NULL
    AND NOT f.problems @> '[{"severity": "error"}]'::jsonb
),
placed AS (
  -- area outside the county, township by code or by place, area difference; ST_Covers with the county first so
  -- that its outline is prepared once for all features
  SELECT s.seq,
         CASE WHEN ST_Covers(c.geom, s.geom) THEN 0
              ELSE ST_Area(ST_Difference(s.geom, c.geom)::geography) END AS outside_m2,
         t.code AS township_code,
         s.area_m2,
         CASE WHEN s.tbmj ~ '^[0-9]+(\.[0-9]+)?$' AND s.tbmj::double precision > 0
              THEN abs(s.area_m2 - s.tbmj::double precision) / s.tbmj::double precision END AS ratio,
         s.tbmj,
         ST_PointOnSurface(s.geom) AS point
  FROM sound s CROSS JOIN (SELECT geom FROM county WHERE adcode = $2) c
  -- the township, found once per feature
  LEFT JOIN LATERAL (
    SELECT coalesce(
      (SELECT t.code FROM township t WHERE t.adcode = $2 AND t.code = left(s.zldwdm, 9)),
      (SELECT t.code FROM township t
       WHERE t.adcode = $2 AND t.geom IS NOT NULL AND ST_Intersects(t.geom, ST_PointOnSurface(s.geom))
       ORDER BY t.code LIMIT 1)) AS code
    OFFSET 0
  ) t ON true
),
found AS (
  -- the problems of each feature
  SELECT p.seq, p.township_code, p.area_m2,
         jsonb_path_query_array(jsonb_build_array(
           CASE WHEN p.outside_m2 > $3 THEN jsonb_build_object('code', 'OUTSIDE_COUNTY', 'severity', 'error',
                  'areaM2', round(p.outside_m2::numeric, 2)) END,
           CASE WHEN p.ratio > $4 THEN jsonb_build_object('code', 'AREA_MISMATCH', 'severity', 'warning',
                  'areaM2', round(p.area_m2::numeric, 2), 'tbmj', p.tbmj::double precision, 'ratio', round(p.ratio::numeric, 4)) END,
           CASE WHEN p.township_code IS NULL THEN jsonb_build_object('code', 'NO_TOWNSHIP', 'severity', 'warning') END
         ), '$[*] ? (@ != null)') AS found,
         jsonb_build_array(round(ST_X(p.point)::numeric, 7), round(ST_Y(p.point)::numeric, 7)) AS location
  FROM placed p
)
UPDATE land_import_feature f
SET township_code = fo.township_code,
    area_m2 = fo.area_m2,
    problems = CASE WHEN fo.found = '[]'::jsonb THEN f.problems
                    ELSE f.problems || (SELECT jsonb_agg(e || jsonb_build_object('location', fo.location))
                                        FROM jsonb_array_elements(fo.found) e) END
FROM found fo
WHERE f.import_id = $1 AND f.seq = fo.seq
