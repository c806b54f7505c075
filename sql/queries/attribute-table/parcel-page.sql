-- One page of the attribute table (属性表) of the farmland parcels, and how many parcels match in all. $1 the county
-- codes to read (within the caller's scope), $2–$5 the view's box (west, south, east, north, EPSG:4490) or NULLs,
-- $6 rows to read, $7 rows to skip, $8 a township code or NULL, $9 class codes or NULL, $10 LIKE patterns of land
-- codes (0101%, or 01% for a whole first-level class) or NULL, $11 and $12 the least and greatest area in m² or
-- NULLs.
-- `class` is the published class (what the map draws). The two `-- sort` lines are replaced by the caller with
-- the order of the sort column asked for (a whitelisted expression over the columns of `hit`).
-- hit: every parcel matching the filters
WITH hit AS (
  SELECT p.id, p.adcode::text AS adcode, p.code, c.name AS county, p.township_code::text AS township_code,
         t.name AS township, p.dlbm::text AS dlbm, p.class,
         array_position(ARRAY['priority', 'safe_use', 'strict', 'unclassified'], p.class) AS class_order,
         p.area_m2, ARRAY[ST_XMin(p.geom), ST_YMin(p.geom), ST_XMax(p.geom), ST_YMax(p.geom)] AS bbox
  FROM farmland_parcel p
  JOIN county c ON c.adcode = p.adcode
  LEFT JOIN township t ON t.adcode = p.adcode AND t.code = p.township_code
  WHERE p.adcode = ANY ($1::bpchar[])
    AND ($2::float8 IS NULL OR ST_Intersects(p.geom, ST_MakeEnvelope($2, $3, $4, $5, 4490)))
    AND ($9::text[] IS NULL OR p.class = ANY ($9::text[]))
    AND ($10::text[] IS NULL OR upper(p.dlbm) LIKE ANY ($10::text[]))
    AND ($8::text IS NULL OR p.township_code = $8::bpchar)
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
