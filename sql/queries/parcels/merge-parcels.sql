-- $1 parcel ids. Their union, its area on the ellipsoid, and each connected piece of the union with the
-- parcels inside it (one piece when all touch along edges).
WITH parcels AS (SELECT id, code, geom, area_m2 FROM farmland_parcel WHERE id = ANY($1::bigint[])),
u AS (SELECT ST_Union(geom) AS geom, sum(area_m2) AS parts_m2 FROM parcels),
pieces AS (SELECT (ST_Dump(u.geom)).geom AS geom FROM u)
SELECT ST_AsGeoJSON(u.geom, 8)::json AS geometry, ST_Area(u.geom::geography) AS area_m2, u.parts_m2,
       (SELECT json_agg(json_build_object('m2', ST_Area(pc.geom::geography),
                 'ids', (SELECT array_agg(p.id ORDER BY p.id) FROM parcels p WHERE ST_Intersects(ST_PointOnSurface(p.geom), pc.geom))))
        FROM pieces pc) AS pieces
FROM u
