-- $1 county codes (the caller's scope, or one of them), $2 level, $3 point type, $4 status, $5 text in code or name,
-- $6 most rows. The first points of the filter by county and code, with their result count and last sampling date
-- (count-points gives the total).
WITH page AS (
  SELECT m.* FROM monitoring_point m
  WHERE m.adcode = ANY ($1::char(6)[])
    AND ($2::text IS NULL OR m.level = $2)
    AND ($3::text IS NULL OR m.point_type = $3)
    AND ($4::text IS NULL OR m.status = $4)
    AND ($5::text IS NULL OR m.code ILIKE '%' || $5 || '%' OR m.name ILIKE '%' || $5 || '%')
  ORDER BY m.adcode, m.code
  LIMIT $6
)
SELECT c.id, c.adcode::text, k.name AS county, c.code, c.name, c.level, c.point_type, c.status, c.land_use,
       c.township_code::text, t.name AS township, c.is_generated, c.version,
       ST_X(c.geom) AS lon, ST_Y(c.geom) AS lat,
       s.results, to_char(s.last_sampled_on, 'YYYY-MM-DD') AS last_sampled_on
FROM page c
JOIN county k ON k.adcode = c.adcode
LEFT JOIN township t ON t.adcode = c.adcode AND t.code = c.township_code
-- results of each listed point, read from the (adcode, point_id, sampled_on) index
CROSS JOIN LATERAL (
  SELECT count(*) AS results, max(r.sampled_on) AS last_sampled_on FROM monitoring_result r WHERE r.adcode = c.adcode AND r.point_id = c.id
) s
ORDER BY c.adcode, c.code
