-- Where a proposed point ($2 lon, $3 lat) stands in county $1: inside the county or not, its township, the 三调
-- code of the farmland parcel under it, and any active or planned point within $4 m.
WITH pt AS (SELECT ST_SetSRID(ST_MakePoint($2::float8, $3::float8), 4490) AS g)
SELECT c.adcode::text, c.name, c.city,
       ST_Intersects(c.geom, pt.g) AS is_inside,
       (SELECT t.code::text FROM township t WHERE t.adcode = c.adcode AND ST_Intersects(t.geom, pt.g) ORDER BY t.code LIMIT 1) AS township_code,
       (SELECT p.dlbm FROM farmland_parcel p WHERE p.adcode = c.adcode AND ST_Intersects(p.geom, pt.g) ORDER BY p.id LIMIT 1) AS land_use,
       (SELECT m.code FROM monitoring_point m
        WHERE m.adcode = c.adcode AND m.status IN ('active', 'planned') AND ST_DWithin(m.geom::geography, pt.g::geography, $4::float8)
        ORDER BY m.geom <-> pt.g LIMIT 1) AS nearby_code
FROM county c, pt
WHERE c.adcode = $1
