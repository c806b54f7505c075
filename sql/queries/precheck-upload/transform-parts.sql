-- each uploaded polygon ($1: JSON array of GeoJSON polygons in the file's CRS $2), in CGCS2000 longitude/latitude
WITH part AS (
  SELECT ord::int AS index, ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON(g), $2::int), 4490) AS geom
  FROM jsonb_array_elements_text($1::jsonb) WITH ORDINALITY AS t(g, ord)
),
-- the first invalid polygon, with the place of its fault
invalid AS (
  SELECT index, d.valid, d.reason, ST_X(d.location) AS lon, ST_Y(d.location) AS lat
  FROM part, ST_IsValidDetail(part.geom) AS d
  WHERE NOT d.valid
  ORDER BY index
  LIMIT 1
),
-- all polygons as one outline (dissolved where they touch or overlap), only when every one is valid
outline AS (
  SELECT CASE WHEN count(*) = 1 THEN ST_Multi((array_agg(geom))[1]) ELSE ST_Multi(ST_Union(geom)) END AS geom
  FROM part
  WHERE NOT EXISTS (SELECT 1 FROM invalid)
)
SELECT
  (SELECT to_jsonb(invalid) FROM invalid) AS invalid,
  ST_AsGeoJSON(outline.geom, 9) AS geometry,
  ST_Area(outline.geom::geography) AS area_m2
FROM outline;
