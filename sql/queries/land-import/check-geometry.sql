-- $1 import, $2 repair invalid outlines (boolean), $3 largest relative change of area a repair may make.
-- Empty and non-polygon geometries, and invalid outlines with ST_IsValidDetail's reason and place; an invalid
-- outline whose ST_MakeValid polygon keeps its area is repaired (kept with its new area, reported as a warning); a
-- refused feature loses the township staging found for it.
WITH faulty AS (
  -- the features whose geometry is missing, not polygonal or invalid
  SELECT f.seq, f.geom,
         CASE WHEN f.geom IS NULL OR ST_IsEmpty(f.geom) THEN 'MISSING_GEOMETRY'
              WHEN GeometryType(f.geom) NOT IN ('POLYGON', 'MULTIPOLYGON') THEN 'NOT_POLYGON'
              WHEN NOT ST_IsValid(f.geom) THEN 'INVALID_GEOMETRY' END AS code
  FROM land_import_feature f
  WHERE f.import_id = $1
),
invalid AS (
  -- the reason and place of each invalid outline, and its repaired polygon
  SELECT v.seq, d.reason, d.location, r.fixed,
         abs(ST_Area(r.fixed) - abs(ST_Area(v.geom))) / nullif(ST_Area(r.fixed), 0) AS change_ratio,
         abs(ST_Area(r.fixed::geography) * (abs(ST_Area(r.fixed) - abs(ST_Area(v.geom))) / nullif(ST_Area(r.fixed), 0))) AS change_m2
  FROM faulty v
  CROSS JOIN LATERAL ST_IsValidDetail(v.geom) d
  CROSS JOIN LATERAL (SELECT ST_Multi(ST_CollectionExtract(ST_MakeValid(v.geom), 3)) AS fixed) r
  WHERE v.code = 'INVALID_GEOMETRY'
),
judged AS (
  -- repaired when allowed and the area is kept; else refused
  SELECT fa.seq, fa.code, i.reason, i.location, i.fixed, i.change_m2,
         (fa.code = 'INVALID_GEOMETRY' AND $2::boolean AND NOT ST_IsEmpty(i.fixed) AND i.change_ratio <= $3) AS is_repaired
  FROM faulty fa LEFT JOIN invalid i USING (seq)
  WHERE fa.code IS NOT NULL
)
UPDATE land_import_feature f
SET geom = CASE WHEN j.is_repaired THEN j.fixed ELSE f.geom END,
    is_repaired = coalesce(j.is_repaired, false),
    area_m2 = CASE WHEN j.is_repaired THEN ST_Area(j.fixed::geography) ELSE f.area_m2 END,
    township_code = CASE WHEN j.is_repaired THEN f.township_code END,
    problems = f.problems || jsonb_build_array(jsonb_strip_nulls(jsonb_build_object(
      'code', CASE WHEN j.is_repaired THEN 'REPAIRED' ELSE j.code END,
      'severity', CASE WHEN j.is_repaired THEN 'warning' ELSE 'error' END,
      'reason', j.reason,
      'value', CASE WHEN j.code = 'NOT_POLYGON' THEN GeometryType(f.geom) END,
      'areaM2', round(j.change_m2::numeric, 2),
      'location', CASE WHEN j.location IS NOT NULL
                       THEN jsonb_build_array(round(ST_X(j.location)::numeric, 7), round(ST_Y(j.location)::numeric, 7)) END)))
FROM judged j
WHERE f.import_id = $1 AND f.seq = j.seq
