-- One page of the attribute table (属性表) of the contaminated plots (污染地块), and how many match in all. $1 the
-- county codes to read (within the caller's scope), $2–$5 the view's box (west, south, east, north, EPSG:4490) or
-- NULLs, $6 rows to read, $7 rows to skip, $8 a township code or NULL, $9 statuses or NULL (a list chosen is its
-- statuses), $10 risk levels or NULL, $11 and $12 the least and greatest area in m² or NULLs, $13 every status in
-- the order of the lists and the lifecycle (sorting by status or list follows it).
-- The two `-- sort` lines are replaced by the caller with the order of the sort column asked for.
-- hit: every plot matching the filters, in the township holding a point of its surface
WITH hit AS (
  SELECT p.id, p.adcode::text AS adcode, p.code, p.name, c.name AS county, t.code::text AS township_code,
         t.name AS township, p.status, array_position($13::text[], p.status) AS status_order, p.risk_level,
         array_position(ARRAY['high', 'medium', 'low'], p.risk_level) AS risk_order, p.former_industry,
         p.former_industry_note, p.area_m2, p.review_status,
         array_position(ARRAY['draft', 'submitted', 'returned', 'approved', 'published'], p.review_status) AS review_order,
         ARRAY[ST_XMin(p.geom), ST_YMin(p.geom), ST_XMax(p.geom), ST_YMax(p.geom)] AS bbox
  FROM contaminated_plot p
  JOIN county c ON c.adcode = p.adcode
  LEFT JOIN LATERAL (
    SELECT tw.code, tw.name FROM township tw
    WHERE tw.adcode = p.adcode AND ST_Intersects(tw.geom, ST_PointOnSurface(p.geom))
    ORDER BY tw.code LIMIT 1
  ) t ON true
  WHERE p.adcode = ANY ($1::bpchar[])
    AND ($2::float8 IS NULL OR ST_Intersects(p.geom, ST_MakeEnvelope($2, $3, $4, $5, 4490)))
    AND ($9::text[] IS NULL OR p.status = ANY ($9::text[]))
    AND ($10::text[] IS NULL OR p.risk_level = ANY ($10::text[]))
    AND ($8::text IS NULL OR t.code = $8::bpchar)
    AND ($11::float8 IS NULL OR p.area_m2 >= $11::float8)
    AND ($12::float8 IS NULL OR p.area_m2 <= $12::float8)
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
