-- Coverage facts of the counties $1 per township (township_code '' = parcels or points outside every township):
-- active points by level and type, planned points, farmland (三调 first-level classes $3) and the part of it
-- farther than $2 m from every active point of the network (any county). Distances in EPSG:3857 scaled by
-- cos(latitude) at the parcel's mid-latitude, so the indexed geom_3857 copies answer in true metres.
WITH parcel AS (
  SELECT p.adcode, coalesce(p.township_code::text, '') AS township_code, p.area_m2,
         NOT EXISTS (
           SELECT 1 FROM monitoring_point m
           WHERE m.status = 'active'
             AND ST_DWithin(m.geom_3857, p.geom_3857, $2::float8 / cos(radians((ST_YMin(p.geom) + ST_YMax(p.geom)) / 2)))
         ) AS is_uncovered
  FROM farmland_parcel p
  WHERE p.adcode = ANY($1::text[]) AND left(p.dlbm, 2) = ANY($3::text[])
),
-- farmland and uncovered farmland per township
farmland AS (
  SELECT adcode, township_code, count(*)::int AS parcels, sum(area_m2) AS farmland_m2,
         count(*) FILTER (WHERE is_uncovered)::int AS uncovered_parcels,
         coalesce(sum(area_m2) FILTER (WHERE is_uncovered), 0) AS uncovered_m2
  FROM parcel GROUP BY adcode, township_code
),
-- points per township: active ones by level and by type, planned ones apart
points AS (
  SELECT adcode, coalesce(township_code::text, '') AS township_code,
         count(*) FILTER (WHERE status = 'active' AND level = 'national')::int AS national,
         count(*) FILTER (WHERE status = 'active' AND level = 'provincial')::int AS provincial,
         count(*) FILTER (WHERE status = 'active' AND level = 'city')::int AS city,
         count(*) FILTER (WHERE status = 'active' AND level = 'county')::int AS county,
         count(*) FILTER (WHERE status = 'active' AND point_type = 'basic')::int AS basic,
         count(*) FILTER (WHERE status = 'active' AND point_type = 'risk')::int AS risk,
         count(*) FILTER (WHERE status = 'active' AND point_type = 'background')::int AS background,
         count(*) FILTER (WHERE status = 'active' AND point_type = 'produce')::int AS produce,
         count(*) FILTER (WHERE status = 'planned')::int AS planned
  FROM monitoring_point WHERE adcode = ANY($1::text[])
  GROUP BY adcode, coalesce(township_code::text, '')
),
-- every township of the counties, and the '' key where parcels or points lie outside them
keys AS (
  SELECT adcode::text, code::text AS township_code FROM township WHERE adcode = ANY($1::text[])
  UNION SELECT adcode::text, township_code FROM farmland
  UNION SELECT adcode::text, township_code FROM points
)
SELECT k.adcode, k.township_code, t.name AS township_name,
       coalesce(m.national, 0) AS national, coalesce(m.provincial, 0) AS provincial, coalesce(m.city, 0) AS city, coalesce(m.county, 0) AS county,
       coalesce(m.basic, 0) AS basic, coalesce(m.risk, 0) AS risk, coalesce(m.background, 0) AS background, coalesce(m.produce, 0) AS produce,
       coalesce(m.planned, 0) AS planned,
       coalesce(f.parcels, 0) AS parcels, coalesce(f.farmland_m2, 0) AS farmland_m2,
       coalesce(f.uncovered_parcels, 0) AS uncovered_parcels, coalesce(f.uncovered_m2, 0) AS uncovered_m2
FROM keys k
LEFT JOIN farmland f ON f.adcode = k.adcode AND f.township_code = k.township_code
LEFT JOIN points m ON m.adcode = k.adcode AND m.township_code = k.township_code
LEFT JOIN township t ON t.adcode = k.adcode AND t.code::text = k.township_code
ORDER BY k.adcode, k.township_code = '', k.township_code
