SELECT m.id, m.adcode::text, m.code, m.name, m.level, m.point_type, m.land_use, m.soil_type, m.is_generated,
       ST_X(m.geom) AS lon, ST_Y(m.geom) AS lat, c.name AS county, c.city, t.name AS township,
       (SELECT count(*) FROM monitoring_result r WHERE r.adcode = m.adcode AND r.point_id = m.id) AS results,
       (SELECT to_jsonb(r) - 'adcode' - 'id' - 'point_id' FROM monitoring_result r
         WHERE r.adcode = m.adcode AND r.point_id = m.id AND r.medium = 'soil' ORDER BY r.sampled_on DESC LIMIT 1) AS latest_soil,
       ARRAY[ST_X(m.geom), ST_Y(m.geom), ST_X(m.geom), ST_Y(m.geom)] AS bbox
FROM monitoring_point m JOIN county c USING (adcode)
LEFT JOIN township t ON t.adcode = m.adcode AND t.code = m.township_code
WHERE m.id = $1
