-- $1 adcode, $2 list id. Parcels and area per township and class, in the list and as published now.
WITH listed AS (
  SELECT coalesce(p.township_code, '') AS township_code, e.class, count(*)::int AS n, sum(p.area_m2) AS area_m2
  FROM class_list_entry e JOIN farmland_parcel p ON p.adcode = e.adcode AND p.id = e.parcel_id
  WHERE e.adcode = $1 AND e.list_id = $2
  GROUP BY 1, 2
),
-- the published class of every parcel of the county
published AS (
  SELECT coalesce(township_code, '') AS township_code, class, count(*)::int AS n, sum(area_m2) AS area_m2
  FROM farmland_parcel
  WHERE adcode = $1
  GROUP BY 1, 2
)
SELECT coalesce(l.township_code, p.township_code) AS township_code, t.name AS township,
       coalesce(l.class, p.class) AS class,
       coalesce(l.n, 0) AS count, coalesce(l.area_m2, 0) AS area_m2,
       coalesce(p.n, 0) AS published_count, coalesce(p.area_m2, 0) AS published_area_m2
FROM listed l FULL JOIN published p ON p.township_code = l.township_code AND p.class = l.class
LEFT JOIN township t ON t.adcode = $1 AND t.code = coalesce(l.township_code, p.township_code)
ORDER BY 1, 3
