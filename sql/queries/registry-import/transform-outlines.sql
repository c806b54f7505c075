-- $1 JSON array of GeoJSON geometries in the layer file's CRS $2: each in CGCS2000 longitude/latitude, 2D, as
-- GeoJSON (null where the text is no geometry PostGIS reads); the outline checks judge them afterwards.
SELECT ord::int AS index,
       ST_AsGeoJSON(ST_Force2D(ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON(g), $2::int), 4490)), 9) AS geometry
FROM jsonb_array_elements_text($1::jsonb) WITH ORDINALITY AS t(g, ord)
ORDER BY ord
