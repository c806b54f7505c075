-- $1 county codes, $2 level, $3 point type, $4 status, $5 text: the points of the same filter as list-points,
-- counted by level, by type and by status.
WITH chosen AS (
  SELECT m.level, m.point_type, m.status FROM monitoring_point m
  WHERE m.adcode = ANY ($1::char(6)[])
    AND ($2::text IS NULL OR m.level = $2)
    AND ($3::text IS NULL OR m.point_type = $3)
    AND ($4::text IS NULL OR m.status = $4)
    AND ($5::text IS NULL OR m.code ILIKE '%' || $5 || '%' OR m.name ILIKE '%' || $5 || '%')
)
SELECT 'level' AS dimension, level AS key, count(*) AS n FROM chosen GROUP BY level
UNION ALL
SELECT 'type', point_type, count(*) FROM chosen GROUP BY point_type
UNION ALL
SELECT 'status', status, count(*) FROM chosen GROUP BY status
