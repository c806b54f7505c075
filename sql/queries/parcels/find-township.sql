-- $1 GeoJSON polygon (valid), $2 county code. The township of the polygon: the one holding its point on
-- surface, else the one sharing most of its area.
WITH g AS (SELECT ST_SetSRID(ST_GeomFromGeoJSON($1), 4490) AS geom)
SELECT t.code::text AS code, t.name
FROM township t, g
WHERE t.adcode = $2 AND t.geom IS NOT NULL AND ST_Intersects(t.geom, g.geom)
ORDER BY ST_Intersects(t.geom, ST_PointOnSurface(g.geom)) DESC, ST_Area(ST_Intersection(t.geom, g.geom)::geography) DESC
LIMIT 1
