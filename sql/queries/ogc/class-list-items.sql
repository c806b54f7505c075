-- One page of the internal collection `class-list` (OGC API - Features): the entries of the latest published class
-- list of each of the caller's counties (a list reopened for editing is left out until it is published again), with
-- the list's number, title, published version and publication time, the parcel's code, township, 地类 and area, and
-- the entry's class, method, soil grade, pollutants and basis summary. The feature id is the parcel's id. Parameters
-- as in farmland-parcels-items.sql, $12 the labels of codes; keyset paging on (adcode, parcel id). Each row is the key
-- and the whole Feature text, as in farmland-parcels-items.sql.
WITH latest AS (
  -- the latest published list of each county the caller may read
  SELECT DISTINCT ON (l.adcode) l.adcode, l.id, l.title, l.published_version, l.published_at, l.rule_set_version
  FROM class_list l
  WHERE l.adcode = ANY ($10::bpchar[]) AND l.review_status = 'published' AND l.published_at IS NOT NULL
  ORDER BY l.adcode, l.published_at DESC, l.id DESC
)
SELECT e.adcode::text AS adcode, e.parcel_id AS id,
       '{"type":"Feature","id":' || e.parcel_id || ',"geometry":'
       || coalesce(ST_AsGeoJSON(CASE WHEN $8::boolean THEN ST_FlipCoordinates(ST_Transform(p.geom, $11::int))
                                     ELSE ST_Transform(p.geom, $11::int) END,
                                CASE WHEN $11::int = 4490 THEN 7 ELSE 3 END), 'null')
       || ',"properties":'
       || json_build_object('adcode', e.adcode::text, 'county', c.name, 'list_id', l.id, 'list_title', l.title,
                            'list_version', l.published_version,
                            'list_published_at',
                            to_char(l.published_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24":"MI":"SS.MS"Z"'),
                            'rule_set_version', l.rule_set_version, 'parcel_code', p.code,
                            'township_code', p.township_code::text, 'township', t.name, 'dlbm', p.dlbm::text,
                            'area_mu', round((p.area_m2 * 0.0015)::numeric, 2)::float8, 'class', e.class,
                            'method', e.method, 'soil_grade', e.soil_grade, 'main_pollutants', e.main_pollutants,
                            'sample_count', e.sample_count, 'basis_summary', e.basis ->> 'summary',
                            'is_generated', p.is_generated, 'class_label', $12::jsonb -> 'class_label' ->> e.class)
       || '}' AS feature
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
