-- $1 GeoJSON polygon (EPSG:4490, checked shape), $2 whether the outline passed the vertex limit, the distances (m) of
-- $3 优先保护类耕地集中区域, $4 饮用水水源保护区, $5 禁止生产区域, $6 管控区域, $7 monitoring points, $8 most points.
-- Everything one siting check reads, in one statement and one row:
--  - whether the outline is a valid geometry, and if not why and where (as precheck/overlay.sql);
--  - its county: the one holding most of it, with the area outside it and a point there (as precheck/overlay.sql);
--  - every current 优先保护类耕地集中区域 and published water-source zone, ban zone and control zone within its
--    distance, with the shortest distance and the overlap area on the spheroid (hits);
--  - the nearest monitoring points within reach with their latest soil result (points).
-- County, hits and points are skipped for an invalid outline or one over the vertex limit. The domain decides.
WITH input AS (SELECT ST_SetSRID(ST_GeomFromGeoJSON($1), 4490) AS geom),
validity AS (SELECT d.valid, d.reason, ST_X(d.location) AS lon, ST_Y(d.location) AS lat FROM input, ST_IsValidDetail(input.geom) d),
checked AS (SELECT input.geom FROM input, validity WHERE validity.valid AND $2::boolean),
-- the share of each county the outline meets, summed over the county's pieces (county_sub, migration 021)
shares AS (
  SELECT s.adcode, sum(ST_Area(ST_Intersection(s.geom, g.geom)::geography)) AS inside_m2
  FROM county_sub s, checked g
  WHERE ST_Intersects(s.geom, g.geom)
  GROUP BY s.adcode
),
-- the county with the largest share of the outline
owner AS (
  SELECT c.adcode::text AS adcode, c.name
  FROM county c JOIN shares sh ON sh.adcode = c.adcode
  ORDER BY sh.inside_m2 DESC
  LIMIT 1
),
-- the part of the outline outside that county
outside AS (
  SELECT CASE WHEN p.geom IS NULL THEN g.geom ELSE ST_Difference(g.geom, p.geom) END AS geom
  FROM checked g, owner
  CROSS JOIN LATERAL (SELECT ST_Union(s.geom) AS geom FROM county_sub s WHERE s.adcode = owner.adcode::char(6) AND ST_Intersects(s.geom, g.geom)) p
),
g AS (SELECT ST_Multi(geom) AS geom, geom::geography AS geog FROM checked),
-- the 优先保护类耕地集中区域 of each county's latest version; index prefilter: 1° of longitude is at least 60 km south
-- of 57°N, so the box holds every feature within the distance
priority AS (
  SELECT 'priority-area' AS type, a.area_no::bigint AS id, a.code, a.code AS name, NULL::text AS level,
         ST_Distance(a.geom::geography, g.geog) AS distance_m,
         CASE WHEN ST_Intersects(a.geom, g.geom) THEN ST_Area(ST_Intersection(a.geom, g.geom)::geography) ELSE 0 END AS overlap_m2,
         a.adcode::text AS adcode
  FROM priority_area_current a, g
  WHERE a.geom && ST_Expand(g.geom, $3 / 60000.0) AND ST_DWithin(a.geom::geography, g.geog, $3)
),
-- published 饮用水水源保护区 (a zone the county has not published is not read)
water AS (
  SELECT 'water-source', w.id, w.id::text, w.source_name, w.level,
         ST_Distance(w.geom::geography, g.geog),
         CASE WHEN ST_Intersects(w.geom, g.geom) THEN ST_Area(ST_Intersection(w.geom, g.geom)::geography) ELSE 0 END,
         w.adcode::text
  FROM water_source_zone w, g
  WHERE w.is_published AND w.geom && ST_Expand(g.geom, $4 / 60000.0) AND ST_DWithin(w.geom::geography, g.geog, $4)
),
-- published 特定农产品禁止生产区域
ban AS (
  SELECT 'ban-zone', b.id, b.code, b.name, NULL,
         ST_Distance(b.geom::geography, g.geog),
         CASE WHEN ST_Intersects(b.geom, g.geom) THEN ST_Area(ST_Intersection(b.geom, g.geom)::geography) ELSE 0 END,
         b.adcode::text
  FROM published_ban_zone b, g
  WHERE b.geom && ST_Expand(g.geom, $5 / 60000.0) AND ST_DWithin(b.geom::geography, g.geog, $5)
),
-- published 管控区域
zones AS (
  SELECT 'control-zone', z.id, z.code, z.name, NULL,
         ST_Distance(z.geom::geography, g.geog),
         CASE WHEN ST_Intersects(z.geom, g.geom) THEN ST_Area(ST_Intersection(z.geom, g.geom)::geography) ELSE 0 END,
         z.adcode::text
  FROM published_control_zone z, g
  WHERE z.geom && ST_Expand(g.geom, $6 / 60000.0) AND ST_DWithin(z.geom::geography, g.geog, $6)
),
hits AS (SELECT * FROM priority UNION ALL SELECT * FROM water UNION ALL SELECT * FROM ban UNION ALL SELECT * FROM zones),
-- the nearest monitoring points within reach (planned points have no results), with their latest soil result
nearest AS (
  SELECT m.adcode, m.id, m.code, m.name, m.level, m.land_use, ST_Distance(m.geom::geography, g.geog) AS distance_m
  FROM monitoring_point m, g
  WHERE m.status <> 'planned' AND m.geom && ST_Expand(g.geom, $7 / 60000.0) AND ST_DWithin(m.geom::geography, g.geog, $7)
  ORDER BY distance_m, m.id
  LIMIT $8
),
points AS (
  SELECT n.id, n.code, n.name, n.level, n.land_use, n.distance_m,
         to_char(r.sampled_on, 'YYYY-MM-DD') AS sampled_on, r.ph, r.values_mg_kg
  FROM nearest n
  LEFT JOIN LATERAL (
    SELECT sampled_on, ph, values_mg_kg FROM monitoring_result
    WHERE adcode = n.adcode AND point_id = n.id AND medium = 'soil'
    ORDER BY sampled_on DESC, id DESC LIMIT 1
  ) r ON true
)
SELECT v.valid, v.reason, v.lon, v.lat,
       o.adcode, o.name AS county_name,
       coalesce(ST_Area(outside.geom::geography), 0) AS outside_m2,
       CASE WHEN NOT ST_IsEmpty(outside.geom) THEN ST_X(ST_PointOnSurface(outside.geom)) END AS outside_lon,
       CASE WHEN NOT ST_IsEmpty(outside.geom) THEN ST_Y(ST_PointOnSurface(outside.geom)) END AS outside_lat,
       (SELECT coalesce(jsonb_agg(to_jsonb(h) ORDER BY h.type, h.distance_m, h.id), '[]') FROM hits h) AS hits,
       (SELECT coalesce(jsonb_agg(to_jsonb(p) ORDER BY p.distance_m, p.id), '[]') FROM points p) AS points
FROM validity v LEFT JOIN owner o ON true LEFT JOIN outside ON true
