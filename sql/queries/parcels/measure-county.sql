-- $1 GeoJSON polygon (valid), $2 county code or null. The county covering most of it (or county $2), and the
-- area of the polygon outside that county with a point on it.
WITH g AS (SELECT ST_SetSRID(ST_GeomFromGeoJSON($1), 4490) AS geom),
-- the county: the one given, else the one with the largest share of the polygon
owner AS (
  SELECT c.adcode::text AS adcode, c.name, c.geom
  FROM county c, g
  WHERE ($2::text IS NOT NULL AND c.adcode = $2::char(6))
     OR ($2::text IS NULL AND ST_Intersects(c.geom, g.geom))
  ORDER BY ST_Area(ST_Intersection(c.geom, g.geom)::geography) DESC
  LIMIT 1
),
outside AS (SELECT ST_Difference(g.geom, owner.geom) AS geom FROM g, owner)
SELECT owner.adcode, owner.name,
       coalesce(ST_Area(outside.geom::geography), 0) AS outside_m2,
       CASE WHEN NOT ST_IsEmpty(outside.geom) THEN ST_X(ST_PointOnSurface(outside.geom)) END AS lon,
       CASE WHEN NOT ST_IsEmpty(outside.geom) THEN ST_Y(ST_PointOnSurface(outside.geom)) END AS lat
FROM owner, outside
