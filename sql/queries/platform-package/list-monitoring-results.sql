-- Every sampling result of the county's monitoring points in service or retired (a planned point is a proposal,
-- not yet part of the network), with its point and township; the point written by PostGIS (CGCS2000 lon/lat,
-- 8 decimals); $1 = adcode.
SELECT m.code AS point_code, m.name AS point_name, m.level, m.point_type, m.status AS point_status,
       m.township_code::text AS township_code, t.name AS township, m.land_use::text AS land_use,
       ST_X(m.geom) AS lon, ST_Y(m.geom) AS lat,
       to_char(r.sampled_on, 'YYYY-MM-DD') AS sampled_on, r.medium, r.crop, r.ph::float8 AS ph,
       r.organic_matter_g_kg::float8 AS organic_matter_g_kg, r.values_mg_kg, (r.is_generated OR m.is_generated) AS is_generated,
       ST_AsGeoJSON(m.geom, 8) AS geometry
FROM monitoring_result r
JOIN monitoring_point m ON m.adcode = r.adcode AND m.id = r.point_id
LEFT JOIN township t ON t.adcode = m.adcode AND t.code = m.township_code
WHERE r.adcode = $1 AND m.status <> 'planned'
ORDER BY m.code, r.sampled_on, r.id
