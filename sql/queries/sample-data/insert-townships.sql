-- $1 adcode, $2 codes, $3 names, $4 seed lon, $5 seed lat: a Voronoi partition of the county from one seed
-- point per township, clipped to the county outline (generated outlines).
WITH seed AS (
  SELECT code, name, ST_SetSRID(ST_MakePoint(lon, lat), 4490) AS pt
  FROM unnest($2::text[], $3::text[], $4::float8[], $5::float8[]) AS s(code, name, lon, lat)
),
-- one Voronoi cell per seed, extended past the county outline
cell AS (
  SELECT ST_SetSRID((ST_Dump(ST_VoronoiPolygons(ST_Collect(seed.pt), 0, ST_Expand(c.geom, 0.1)))).geom, 4490) AS geom
  FROM seed, county c WHERE c.adcode = $1 GROUP BY c.geom
)
INSERT INTO township (adcode, code, name, geom, is_generated)
SELECT $1, seed.code, seed.name,
       ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_Intersection(
         CASE WHEN (SELECT count(*) FROM seed) = 1 THEN c.geom ELSE cell.geom END, c.geom)), 3)),
       true
FROM seed
JOIN county c ON c.adcode = $1
LEFT JOIN cell ON ST_Intersects(cell.geom, seed.pt)
WHERE cell.geom IS NOT NULL OR (SELECT count(*) FROM seed) = 1
