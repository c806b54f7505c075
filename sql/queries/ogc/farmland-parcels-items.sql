-- One page of the internal collection `farmland-parcels` (OGC API - Features): the parcels of the caller's counties
-- with the fields the parcel tiles carry (code, class, 地类, area) and the published class's list, method and basis
-- summary. Parameters as in plots-items.sql ($1, $2 the last feature of the previous page, $3 rows to read, $4–$7 a
-- box or NULLs, $8 north first, $9 one feature's id or NULL), $10 the county codes the caller may read and $11 the
-- EPSG code of the output CRS.
-- Keyset paging on the primary key (adcode, id): no OFFSET however deep the page.
SELECT p.id, p.adcode::text AS adcode, c.name AS county, p.township_code::text AS township_code, t.name AS township,
       p.code, p.dlbm::text AS dlbm, round((p.area_m2 * 0.0015)::numeric, 2)::float8 AS area_mu,
       p.class, p.class_method, p.class_list_id, p.class_basis ->> 'summary' AS basis_summary, p.updated_at,
       p.is_generated,
       ST_AsGeoJSON(CASE WHEN $8::boolean THEN ST_FlipCoordinates(ST_Transform(p.geom, $11::int))
                         ELSE ST_Transform(p.geom, $11::int) END,
                    CASE WHEN $11::int = 4490 THEN 7 ELSE 3 END) AS geometry
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
