-- $1 import. The report's counts: by land code (features, geodetic and 图斑面积 area, refused), by township, and by
-- problem code (features having it).
WITH f AS (
  -- the area stored by the place check, else (a feature refused before it) computed here
  SELECT seq, dlbm, dlmc, target, township_code, is_refused, problems,
         coalesce(area_m2, CASE WHEN geom IS NOT NULL AND NOT ST_IsEmpty(geom) THEN ST_Area(geom::geography) END) AS area_m2,
         CASE WHEN tbmj ~ '^[0-9]+(\.[0-9]+)?$' THEN tbmj::double precision END AS tbmj
  FROM land_import_feature WHERE import_id = $1
),
by_code AS (
  -- per land code
  SELECT coalesce(jsonb_agg(x ORDER BY x.dlbm NULLS LAST), '[]') AS rows FROM (
    SELECT dlbm, min(dlmc) AS dlmc, bool_or(target = 'farmland') AS is_farmland, count(*)::integer AS features,
           count(*) FILTER (WHERE is_refused)::integer AS refused,
           coalesce(sum(area_m2), 0) AS area_m2, coalesce(sum(tbmj), 0) AS tbmj_m2
    FROM f
    GROUP BY dlbm) x
),
by_township AS (
  -- per township (null: not found)
  SELECT coalesce(jsonb_agg(x ORDER BY x.code NULLS LAST), '[]') AS rows FROM (
    SELECT f.township_code AS code, t.name, count(*)::integer AS features,
           count(*) FILTER (WHERE f.target = 'farmland' AND NOT f.is_refused)::integer AS farmland,
           count(*) FILTER (WHERE f.is_refused)::integer AS refused, coalesce(sum(f.area_m2), 0) AS area_m2
    FROM f LEFT JOIN land_import i ON i.id = $1
    LEFT JOIN township t ON t.adcode = i.adcode AND t.code = f.township_code
    GROUP BY f.township_code, t.name) x
),
by_problem AS (
  -- per problem code
  SELECT coalesce(jsonb_agg(x ORDER BY x.code), '[]') AS rows FROM (
    SELECT p ->> 'code' AS code, min(p ->> 'severity') AS severity, count(DISTINCT f.seq)::integer AS features
    FROM f CROSS JOIN LATERAL jsonb_array_elements(f.problems) p
    GROUP BY p ->> 'code') x
)
SELECT by_code.rows AS by_code, by_township.rows AS by_township, by_problem.rows AS by_problem,
       (SELECT count(*) FROM f WHERE target = 'farmland' AND NOT is_refused)::integer AS farmland_valid,
       (SELECT count(*) FROM f WHERE target = 'context' AND NOT is_refused)::integer AS context_valid
FROM by_code, by_township, by_problem
