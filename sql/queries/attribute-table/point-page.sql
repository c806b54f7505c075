-- One page of the attribute table (属性表) of the monitoring points (监测点位), and how many match in all. $1 the
-- county codes to read (within the caller's scope), $2–$5 the view's box (west, south, east, north, EPSG:4490) or
-- NULLs, $6 rows to read, $7 rows to skip, $8 a township code or NULL, $9 levels or NULL, $10 point types or NULL.
-- The two `-- sort` lines are replaced by the caller with the order of the sort column asked for.
-- hit: every point matching the filters, with the date of its latest soil sample
WITH hit AS (
  SELECT m.id, m.adcode::text AS adcode, m.code, m.name, c.name AS county, m.township_code::text AS township_code,
         t.name AS township, m.level,
         array_position(ARRAY['national', 'provincial', 'city', 'county'], m.level) AS level_order,
         m.point_type, array_position(ARRAY['basic', 'risk', 'background', 'produce'], m.point_type) AS type_order,
         m.land_use::text AS land_use, to_char(s.sampled_on, 'YYYY-MM-DD') AS last_soil_sampled_on,
         ARRAY[ST_X(m.geom), ST_Y(m.geom), ST_X(m.geom), ST_Y(m.geom)] AS bbox
  FROM monitoring_point m
  JOIN county c ON c.adcode = m.adcode
  LEFT JOIN township t ON t.adcode = m.adcode AND t.code = m.township_code
  -- the latest soil sample, read from the (adcode, point_id, sampled_on) index
  LEFT JOIN LATERAL (
    SELECT max(r.sampled_on) AS sampled_on FROM monitoring_result r
    WHERE r.adcode = m.adcode AND r.point_id = m.id AND r.medium = 'soil'
  ) s ON true
  WHERE m.adcode = ANY ($1::bpchar[])
    AND ($2::float8 IS NULL OR ST_Intersects(m.geom, ST_MakeEnvelope($2, $3, $4, $5, 4490)))
    AND ($9::text[] IS NULL OR m.level = ANY ($9::text[]))
    AND ($10::text[] IS NULL OR m.point_type = ANY ($10::text[]))
    AND ($8::text IS NULL OR m.township_code = $8::bpchar)
),
-- page: the rows asked for, in the order asked for
page AS (
  SELECT * FROM hit
  ORDER BY code, adcode, id -- sort
  LIMIT $6 OFFSET $7
)
SELECT (SELECT count(*) FROM hit)::int AS total, page.*
FROM (SELECT 1) AS one
LEFT JOIN page ON true
ORDER BY code, adcode, id -- sort
