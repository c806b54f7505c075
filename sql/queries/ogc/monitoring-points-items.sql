-- One page of the internal collection `monitoring-points` (OGC API - Features): the monitoring points of the
-- caller's counties with level, type and status, and the latest sampling at each (date, medium, pH and the measured
-- values in mg/kg), read from the index on (adcode, point_id, sampled_on). Parameters as in
-- farmland-parcels-items.sql.
SELECT m.id, m.adcode::text AS adcode, c.name AS county, m.code, m.name, m.level, m.point_type, m.status,
       m.township_code::text AS township_code, m.land_use::text AS land_use, m.is_generated,
       to_char(r.sampled_on, 'YYYY-MM-DD') AS latest_sampled_on, r.medium AS latest_medium,
       r.ph::float8 AS latest_ph, r.values_mg_kg AS latest_values_mg_kg,
       ST_AsGeoJSON(CASE WHEN $8::boolean THEN ST_FlipCoordinates(ST_Transform(m.geom, $11::int))
                         ELSE ST_Transform(m.geom, $11::int) END,
                    CASE WHEN $11::int = 4490 THEN 7 ELSE 3 END) AS geometry
FROM monitoring_point m
JOIN county c ON c.adcode = m.adcode
LEFT JOIN LATERAL (
  SELECT sampled_on, medium, ph, values_mg_kg FROM monitoring_result
  WHERE adcode = m.adcode AND point_id = m.id
  ORDER BY sampled_on DESC, id DESC
  LIMIT 1
) r ON true
WHERE m.adcode = ANY ($10::bpchar[])
  AND (m.adcode, m.id) > ($1::bpchar, $2::bigint)
  AND ($9::bigint IS NULL OR m.id = $9::bigint)
  AND ($4::float8 IS NULL OR ST_Intersects(m.geom, ST_MakeEnvelope($4, $5, $6, $7, 4490)))
  AND TRUE -- filter
ORDER BY m.adcode, m.id
LIMIT $3
