-- One page of the internal collection `class-list` (OGC API - Features): the entries of the latest published class
-- list of each of the caller's counties (a list reopened for editing is left out until it is published again), with
-- the list's number, title, published version and publication time, the parcel's code, township, 地类 and area, and
-- the entry's class, method, soil grade, pollutants and basis summary. The feature id is the parcel's id. Parameters
-- as in farmland-parcels-items.sql; keyset paging on (adcode, parcel id).
WITH latest AS (
  -- the latest published list of each county the caller may read
  SELECT DISTINCT ON (l.adcode) l.adcode, l.id, l.title, l.published_version, l.published_at, l.rule_set_version
  FROM class_list l
  WHERE l.adcode = ANY ($10::bpchar[]) AND l.review_status = 'published' AND l.published_at IS NOT NULL
  ORDER BY l.adcode, l.published_at DESC, l.id DESC
)
SELECT e.parcel_id AS id, e.adcode::text AS adcode, c.name AS county, l.id AS list_id, l.title AS list_title,
       l.published_version AS list_version, l.published_at AS list_published_at, l.rule_set_version,
       p.code AS parcel_code, p.township_code::text AS township_code, t.name AS township, p.dlbm::text AS dlbm,
       round((p.area_m2 * 0.0015)::numeric, 2)::float8 AS area_mu, e.class, e.method, e.soil_grade,
       e.main_pollutants, e.sample_count, e.basis ->> 'summary' AS basis_summary, p.is_generated,
       ST_AsGeoJSON(CASE WHEN $8::boolean THEN ST_FlipCoordinates(ST_Transform(p.geom, $11::int))
                         ELSE ST_Transform(p.geom, $11::int) END,
                    CASE WHEN $11::int = 4490 THEN 7 ELSE 3 END) AS geometry
FROM latest l
JOIN class_list_entry e ON e.adcode = l.adcode AND e.list_id = l.id
JOIN farmland_parcel p ON p.adcode = e.adcode AND p.id = e.parcel_id
JOIN county c ON c.adcode = e.adcode
LEFT JOIN township t ON t.adcode = p.adcode AND t.code = p.township_code
WHERE (e.adcode, e.parcel_id) > ($1::bpchar, $2::bigint)
  AND ($9::bigint IS NULL OR e.parcel_id = $9::bigint)
  AND ($4::float8 IS NULL OR ST_Intersects(p.geom, ST_MakeEnvelope($4, $5, $6, $7, 4490)))
  AND TRUE -- filter
ORDER BY e.adcode, e.parcel_id
LIMIT $3
