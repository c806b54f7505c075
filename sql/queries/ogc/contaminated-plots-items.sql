-- One page of the internal collection `contaminated-plots` (OGC API - Features): the registry's plots of the
-- caller's counties, published or not, with the fields the plot tiles carry (code, name, status) and the risk
-- level; the contact and the land user are not served. Parameters as in farmland-parcels-items.sql.
SELECT p.id, p.adcode::text AS adcode, c.name AS county, p.code, p.name, p.status, p.risk_level,
       p.former_industry, p.former_industry_note, p.review_status, round(p.area_m2::numeric, 1)::float8 AS area_m2, p.updated_at,
       p.is_generated,
       ST_AsGeoJSON(CASE WHEN $8::boolean THEN ST_FlipCoordinates(ST_Transform(p.geom, $11::int))
                         ELSE ST_Transform(p.geom, $11::int) END,
                    CASE WHEN $11::int = 4490 THEN 7 ELSE 3 END) AS geometry
FROM contaminated_plot p
JOIN county c ON c.adcode = p.adcode
WHERE p.adcode = ANY ($10::bpchar[])
  AND (p.adcode, p.id) > ($1::bpchar, $2::bigint)
  AND ($9::bigint IS NULL OR p.id = $9::bigint)
  AND ($4::float8 IS NULL OR ST_Intersects(p.geom, ST_MakeEnvelope($4, $5, $6, $7, 4490)))
  AND TRUE -- filter
ORDER BY p.adcode, p.id
LIMIT $3
