-- $1 county, $2 class list id or null (null: the published class each parcel holds), $3 overlaps up to this area are
-- drawing noise (m²), $4 rows at most per kind. Where the classes and 永久基本农田 disagree: 严格管控类 and 安全利用类
-- parcels that lie (partly) inside 永久基本农田, and 优先保护类 parcels outside it. One row per parcel listed, with
-- the count and area of every parcel of its kind beside it (the list itself is cut at $4 per kind).
-- the part of each parcel inside 永久基本农田 and the patches it meets: driven from the patches, each finding its
-- parcels through the parcels' spatial index (a parcel wholly inside counts its own area, no intersection needed)
-- (materialised: measured once, not again for every parcel it is joined to when the row estimates are poor)
WITH inside AS MATERIALIZED (
  SELECT f.id,
         sum(CASE WHEN ST_CoveredBy(f.geom, b.geom) THEN f.area_m2 ELSE ST_Area(ST_Intersection(b.geom, f.geom)::geography) END) AS inside_m2,
         string_agg(coalesce(b.code, b.bsm, b.id::text), '、' ORDER BY b.id) AS farmland_codes
  FROM basic_farmland b JOIN farmland_parcel f ON f.adcode = b.adcode AND ST_Intersects(f.geom, b.geom)
  WHERE b.adcode = $1::char(6)
  GROUP BY f.id
),
-- the class of each parcel: the list's, or the published one
classes AS (
  SELECT f.id, f.code, f.township_code, f.area_m2,
         CASE WHEN $2::bigint IS NULL THEN f.class ELSE e.class END AS class
  FROM farmland_parcel f
  LEFT JOIN class_list_entry e ON $2::bigint IS NOT NULL AND e.adcode = f.adcode AND e.list_id = $2::bigint AND e.parcel_id = f.id
  WHERE f.adcode = $1::char(6)
),
-- the disagreeing parcels, numbered within their kind, with the count and area of the kind
listed AS (
  SELECT c.id, c.code, c.class, c.township_code, c.area_m2, coalesce(i.inside_m2, 0) AS inside_m2, i.farmland_codes,
         CASE WHEN c.class = 'priority' THEN 'priority_outside' ELSE 'restricted_inside' END AS kind
  FROM classes c LEFT JOIN inside i ON i.id = c.id
  WHERE (c.class IN ('strict', 'safe_use') AND coalesce(i.inside_m2, 0) > $3)
     OR (c.class = 'priority' AND coalesce(i.inside_m2, 0) <= $3)
),
numbered AS (
  SELECT l.*,
         row_number() OVER (PARTITION BY l.kind ORDER BY CASE l.class WHEN 'strict' THEN 0 WHEN 'safe_use' THEN 1 ELSE 2 END, l.inside_m2 DESC, l.area_m2 DESC, l.code) AS n,
         count(*) OVER (PARTITION BY l.kind) AS kind_count,
         sum(l.area_m2) OVER (PARTITION BY l.kind) AS kind_area_m2,
         sum(l.inside_m2) OVER (PARTITION BY l.kind) AS kind_inside_m2
  FROM listed l
)
-- the rows shown, with the township's name and the parcel's extent for 定位
SELECT n.kind, n.id, n.code, n.class, n.township_code, t.name AS township, n.area_m2, n.inside_m2, n.farmland_codes,
       n.kind_count, n.kind_area_m2, n.kind_inside_m2,
       ST_XMin(f.geom) AS west, ST_YMin(f.geom) AS south, ST_XMax(f.geom) AS east, ST_YMax(f.geom) AS north
FROM numbered n
JOIN farmland_parcel f ON f.adcode = $1::char(6) AND f.id = n.id
LEFT JOIN township t ON t.adcode = $1::char(6) AND t.code = n.township_code
WHERE n.n <= $4
ORDER BY n.kind DESC, n.n
