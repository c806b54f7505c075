-- $1 GeoJSON polygon (valid). Its area on the ellipsoid and its width: twice the radius of the largest
-- inscribed circle, measured in Web Mercator and scaled back by cos(latitude) of the circle's centre.
WITH g AS (SELECT ST_SetSRID(ST_GeomFromGeoJSON($1), 4490) AS geom),
c AS (SELECT (ST_MaximumInscribedCircle(ST_Transform(geom, 3857))).* FROM g)
SELECT ST_Area(g.geom::geography) AS area_m2,
       2 * c.radius * cos(radians(ST_Y(ST_Transform(c.center, 4490)))) AS width_m,
       ST_X(ST_Transform(c.center, 4490)) AS lon, ST_Y(ST_Transform(c.center, 4490)) AS lat
FROM g, c
