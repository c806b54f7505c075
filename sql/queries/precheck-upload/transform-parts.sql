-- each uploaded polygon ($1: JSON array of GeoJSON polygons in the file's CRS $2), in CGCS2000 longitude/latitude
WITH part AS (
  SELECT ord::int AS index, ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON(g), $2::int), 4490) AS geom
  FROM jsonb_array_elements_text($1::jsonb) WITH ORDINALITY AS t(g, ord)
),
-- the first ring whose last point is not its first (GEOS refuses such a ring outright, and the embedded engine
-- loses its connection over it), found without GEOS
unclosed AS (
  SELECT part.index, false AS valid, 'Ring is not closed' AS reason, ST_X(ST_StartPoint(r.geom)) AS lon, ST_Y(ST_StartPoint(r.geom)) AS lat
  FROM part, ST_DumpRings(part.geom) AS r
  WHERE NOT ST_IsClosed(r.geom)
  ORDER BY part.index, r.path
  LIMIT 1
),
-- the first invalid polygon, with the place of its fault (only once every ring is closed)
invalid AS (
  SELECT * FROM unclosed
  UNION ALL
  (SELECT index, d.valid, d.reason, ST_X(d.location) AS lon, ST_Y(d.location) AS lat
   FROM part, ST_IsValidDetail(part.geom) AS d
   WHERE NOT d.valid AND NOT EXISTS (SELECT 1 FROM unclosed)
   ORDER BY index
   LIMIT 1)
),
-- all polygons as one outline (dissolved where they touch or overlap), only when every one is valid
outline AS (
  SELECT CASE WHEN count(*) = 1 THEN ST_Multi((array_agg(geom))[1]) ELSE ST_Multi(ST_Union(geom)) END AS geom
  FROM part
  WHERE NOT EXISTS (SELECT 1 FROM invalid)
)
SELECT
  (SELECT to_jsonb(invalid) FROM invalid LIMIT 1) AS invalid,
  ST_AsGeoJSON(outline.geom, 9) AS geometry,
  ST_Area(outline.geom::geography) AS area_m2
FROM outline;
