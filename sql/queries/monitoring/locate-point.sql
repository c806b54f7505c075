-- $1 longitude, $2 latitude (CGCS2000): the county and township holding the point, and the 三调 land code of the
-- parcel under it (null where none).
WITH p AS (SELECT ST_SetSRID(ST_MakePoint($1, $2), 4490) AS g)
SELECT k.adcode::text, k.name AS county,
       (SELECT t.code::text FROM township t WHERE t.adcode = k.adcode AND ST_Intersects(t.geom, p.g) ORDER BY t.code LIMIT 1) AS township_code,
       (SELECT t.name FROM township t WHERE t.adcode = k.adcode AND ST_Intersects(t.geom, p.g) ORDER BY t.code LIMIT 1) AS township,
       (SELECT f.dlbm FROM farmland_parcel f WHERE f.adcode = k.adcode AND ST_Intersects(f.geom, p.g) ORDER BY f.id LIMIT 1) AS parcel_dlbm
FROM p JOIN county k ON ST_Intersects(k.geom, p.g)
ORDER BY k.adcode
