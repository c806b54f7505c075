-- $1 adcode, $2 zone id. The signs of a zone, with their distance to the zone (0 inside), m.
SELECT s.id, s.label, ST_X(s.geom) AS lon, ST_Y(s.geom) AS lat, ST_Distance(s.geom::geography, z.geom::geography) AS distance_m
FROM control_zone_sign s JOIN control_zone z ON z.adcode = s.adcode AND z.id = s.zone_id
WHERE s.adcode = $1 AND s.zone_id = $2
ORDER BY s.id
