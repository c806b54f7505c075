-- $1 parcel id, $2 GeoJSON line. The polygons the line cuts the parcel into (ST_Split), each with its area on
-- the ellipsoid, and the parcel's own area.
WITH parts AS (
  SELECT (ST_Dump(ST_Split(p.geom, ST_SetSRID(ST_GeomFromGeoJSON($2), 4490)))).geom AS geom, p.area_m2 AS parent_m2
  FROM farmland_parcel p WHERE p.id = $1
)
SELECT ST_AsGeoJSON(geom, 8)::json AS geometry, ST_Area(geom::geography) AS area_m2, parent_m2
FROM parts
WHERE ST_Dimension(geom) = 2
ORDER BY ST_XMin(geom), ST_YMin(geom)
