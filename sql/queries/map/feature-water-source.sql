-- $1 the id of a 饮用水水源保护区; $2 the distance, m, within which monitoring points are listed (WATER_SOURCE_NEAR_M).
-- The zone with its county, and the monitoring points inside it or within $2 m of it, nearest first, each with the
-- date of its latest soil sampling.
WITH z AS (
  SELECT w.*, c.name AS county, c.city
  FROM water_source_zone w
  JOIN county c ON c.adcode = w.adcode
  WHERE w.id = $1::bigint
),
-- points near the zone: a box of the distance in degrees (1° of latitude ≥ 110 km, of longitude at 60°N ≥ 55 km)
-- picks the candidates, the distance on the ellipsoid decides
near AS (
  SELECT p.code, p.name, p.level, p.point_type,
         CASE WHEN ST_Intersects(p.geom, z.geom) THEN 0 ELSE ST_Distance(p.geom::geography, z.geom::geography) END AS distance_m,
         (SELECT max(r.sampled_on) FROM monitoring_result r
          WHERE r.adcode = p.adcode AND r.point_id = p.id AND r.medium = 'soil') AS latest_soil_on
  FROM z, monitoring_point p
  WHERE p.geom && ST_Expand(z.geom, $2::float8 / 55000)
    AND ST_DWithin(p.geom::geography, z.geom::geography, $2::float8)
)
SELECT z.id, z.adcode::text, z.county, z.city, z.source_name, z.source_type, z.level, z.approval_no, z.is_published,
       z.published_at, z.area_m2, z.file_name, z.imported_at, $2::float8 AS near_m,
       ARRAY[ST_XMin(z.geom), ST_YMin(z.geom), ST_XMax(z.geom), ST_YMax(z.geom)] AS bbox,
       (SELECT coalesce(json_agg(json_build_object('code', code, 'name', name, 'level', level,
               'distanceM', round(distance_m::numeric, 0), 'latestSoilOn', latest_soil_on::text)
               ORDER BY distance_m, code), '[]') FROM near) AS points
FROM z
