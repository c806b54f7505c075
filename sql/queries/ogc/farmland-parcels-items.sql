-- One page of the internal collection `farmland-parcels` (OGC API - Features): the parcels of the caller's counties
-- with the fields the parcel tiles carry (code, class, 地类, area) and the published class's list, method and basis
-- summary. Parameters as in plots-items.sql ($1, $2 the last feature of the previous page, $3 rows to read, $4–$7 a
-- box or NULLs, $8 north first, $9 one feature's id or NULL), $10 the county codes the caller may read and $11 the
-- EPSG code of the output CRS, $12 the Chinese labels of codes (jsonb: `class_label` by class code).
-- Keyset paging on the primary key (adcode, id): no OFFSET however deep the page. Each row is the key and the whole
-- Feature text, written here so that the server only joins the texts: `updated_at` as JavaScript writes a time
-- (UTC, milliseconds, `Z`).
SELECT p.adcode::text AS adcode, p.id,
       '{"type":"Feature","id":' || p.id || ',"geometry":'
       || coalesce(ST_AsGeoJSON(CASE WHEN $8::boolean THEN ST_FlipCoordinates(ST_Transform(p.geom, $11::int))
                                     ELSE ST_Transform(p.geom, $11::int) END,
                                CASE WHEN $11::int = 4490 THEN 7 ELSE 3 END), 'null')
       || ',"properties":'
       || json_build_object('adcode', p.adcode::text, 'county', c.name, 'township_code', p.township_code::text,
                            'township', t.name, 'code', p.code, 'dlbm', p.dlbm::text,
                            'area_mu', round((p.area_m2 * 0.0015)::numeric, 2)::float8, 'class', p.class,
                            'class_method', p.class_method, 'class_list_id', p.class_list_id,
                            'basis_summary', p.class_basis ->> 'summary',
                            'updated_at', to_char(p.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24":"MI":"SS.MS"Z"'),
                            'is_generated', p.is_generated, 'class_label', $12::jsonb -> 'class_label' ->> p.class)
       || '}' AS feature
FROM farmland_parcel p
JOIN county c ON c.adcode = p.adcode
LEFT JOIN township t ON t.adcode = p.adcode AND t.code = p.township_code
WHERE p.adcode = ANY ($10::bpchar[])
  AND (p.adcode, p.id) > ($1::bpchar, $2::bigint)
  AND ($9::bigint IS NULL OR p.id = $9::bigint)
  AND ($4::float8 IS NULL OR ST_Intersects(p.geom, ST_MakeEnvelope($4, $5, $6, $7, 4490)))
  AND TRUE -- filter
ORDER BY p.adcode, p.id
LIMIT $3
