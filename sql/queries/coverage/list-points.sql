-- Monitoring points of county $1 for the coverage map: active and planned (retired ones are left out).
SELECT m.id, m.code, m.name, m.level, m.point_type, m.status, m.township_code::text, m.land_use, m.soil_type,
       ST_X(m.geom) AS lon, ST_Y(m.geom) AS lat, m.planned_basis, m.version, m.is_generated
FROM monitoring_point m
WHERE m.adcode = $1 AND m.status IN ('active', 'planned')
ORDER BY m.status, m.level, m.code
