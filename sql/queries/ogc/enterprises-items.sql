-- One page of the internal collection `enterprises` (OGC API - Features): the 重点监管单位 of the caller's counties
-- with the fields the enterprise tiles carry (name, industry, status), the 统一社会信用代码 and the site outline
-- (the register keeps no address). Parameters as in farmland-parcels-items.sql.
SELECT e.id, e.adcode::text AS adcode, c.name AS county, e.credit_code::text AS credit_code, e.name, e.industry,
       e.industry_other, e.status, round(e.area_m2::numeric, 1)::float8 AS area_m2, e.updated_at, e.is_generated,
       ST_AsGeoJSON(CASE WHEN $8::boolean THEN ST_FlipCoordinates(ST_Transform(e.geom, $11::int))
                         ELSE ST_Transform(e.geom, $11::int) END,
                    CASE WHEN $11::int = 4490 THEN 7 ELSE 3 END) AS geometry
FROM supervised_enterprise e
JOIN county c ON c.adcode = e.adcode
WHERE e.adcode = ANY ($10::bpchar[])
  AND (e.adcode, e.id) > ($1::bpchar, $2::bigint)
  AND ($9::bigint IS NULL OR e.id = $9::bigint)
  AND ($4::float8 IS NULL OR ST_Intersects(e.geom, ST_MakeEnvelope($4, $5, $6, $7, 4490)))
  AND TRUE -- filter
ORDER BY e.adcode, e.id
LIMIT $3
