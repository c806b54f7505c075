-- $1 GeoJSON polygon (valid), $2 ids to leave out (the parcel itself). Every parcel it overlaps, with the area
-- of the overlap on the ellipsoid, a point on it and its outline.
WITH g AS (SELECT ST_SetSRID(ST_GeomFromGeoJSON($1), 4490) AS geom),
-- the polygonal part of each intersection (shared edges give lines, which have no area)
hits AS (
  SELECT p.code, ST_CollectionExtract(ST_Intersection(p.geom, g.geom), 3) AS geom
  FROM farmland_parcel p, g
  WHERE p.geom && g.geom AND ST_Intersects(p.geom, g.geom) AND NOT (p.id = ANY($2::bigint[]))
)
SELECT code, ST_Area(geom::geography) AS overlap_m2,
       ST_X(ST_PointOnSurface(geom)) AS lon, ST_Y(ST_PointOnSurface(geom)) AS lat,
       ST_AsGeoJSON(geom, 8)::json AS geometry
FROM hits
WHERE NOT ST_IsEmpty(geom)
ORDER BY overlap_m2 DESC
