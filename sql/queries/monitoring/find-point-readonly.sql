-- $1 point id: the point with its county and township (no lock).
SELECT m.id, m.adcode::text, k.name AS county, m.code, m.name, m.level, m.point_type, m.status, m.land_use, m.soil_type,
       m.township_code::text, t.name AS township, m.is_generated, m.version, m.planned_basis, m.created_by,
       m.created_at, ST_X(m.geom) AS lon, ST_Y(m.geom) AS lat
FROM monitoring_point m
JOIN county k ON k.adcode = m.adcode
LEFT JOIN township t ON t.adcode = m.adcode AND t.code = m.township_code
WHERE m.id = $1
