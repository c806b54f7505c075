-- Candidates of the gap analysis of county $1: the nodes of a $4 m grid laid out in the CGCS2000 3° Gauss-Krüger
-- zone $5 (true metres) that fall inside the county, each with the uncovered farmland parcels (classes $3,
-- farther than $2 m from every active point) within $2 m of it. Parcels are numbered 0… in `areas`; a node's
-- `covers` lists those numbers. Distances as in county-facts.sql (3857 scaled by cos(latitude)).
WITH c AS (
  SELECT geom, ST_Transform(geom, $5::int) AS g FROM county WHERE adcode = $1
),
-- grid nodes over the county's extent in the zone, kept when inside the county
node AS (
  SELECT row_number() OVER (ORDER BY j, i)::int AS id, ST_Transform(n.pt, 4490) AS geom
  FROM c,
       generate_series(floor(ST_XMin(c.g) / $4::float8)::int, ceil(ST_XMax(c.g) / $4::float8)::int) i,
       generate_series(floor(ST_YMin(c.g) / $4::float8)::int, ceil(ST_YMax(c.g) / $4::float8)::int) j,
       LATERAL (SELECT ST_SetSRID(ST_MakePoint(i * $4::float8, j * $4::float8), $5::int) AS pt) n
  WHERE ST_Intersects(c.g, n.pt)
),
-- uncovered farmland of the county, numbered
uncovered AS MATERIALIZED (
  SELECT (row_number() OVER (ORDER BY p.id) - 1)::int AS idx, p.id, p.area_m2
  FROM farmland_parcel p
  WHERE p.adcode = $1 AND left(p.dlbm, 2) = ANY($3::text[])
    AND NOT EXISTS (
      SELECT 1 FROM monitoring_point m
      WHERE m.status = 'active'
        AND ST_DWithin(m.geom_3857, p.geom_3857, $2::float8 / cos(radians((ST_YMin(p.geom) + ST_YMax(p.geom)) / 2)))
    )
),
-- the uncovered parcels within reach of each node, found through the parcels' index
reach AS (
  SELECT n.id, array_agg(u.idx ORDER BY u.idx) AS covers
  FROM node n
  CROSS JOIN LATERAL (SELECT ST_Transform(n.geom, 3857) AS g) ng
  JOIN farmland_parcel p
    ON p.adcode = $1
   -- the index finds parcels with a 1 % margin at the node's latitude; the exact test uses the parcel's, as above
   AND ST_DWithin(p.geom_3857, ng.g, $2::float8 * 1.01 / cos(radians(ST_Y(n.geom))))
   AND ST_DWithin(p.geom_3857, ng.g, $2::float8 / cos(radians((ST_YMin(p.geom) + ST_YMax(p.geom)) / 2)))
  JOIN uncovered u ON u.id = p.id
  GROUP BY n.id
)
SELECT
  (SELECT coalesce(json_agg(area_m2 ORDER BY idx), '[]'::json) FROM uncovered) AS areas,
  (SELECT coalesce(json_agg(json_build_object(
      'id', n.id, 'lon', ST_X(n.geom), 'lat', ST_Y(n.geom), 'covers', coalesce(to_json(r.covers), '[]'::json),
      'township', (SELECT t.name FROM township t WHERE t.adcode = $1 AND ST_Intersects(t.geom, n.geom) LIMIT 1)
    ) ORDER BY n.id), '[]'::json)
   FROM node n LEFT JOIN reach r ON r.id = n.id) AS candidates
