-- One page of the internal collection `basic-farmland` (OGC API - Features): the 永久基本农田图斑 of the caller's
-- counties with 标识码, 图斑编号, 地类编码, 图斑面积 (m²) and 坐落单位 as in the county's file. Parameters as in
-- farmland-parcels-items.sql.
SELECT b.id, b.adcode::text AS adcode, c.name AS county, b.bsm, b.code, b.dlbm::text AS dlbm, b.tbmj, b.zldwdm,
       b.zldwmc, b.is_generated,
       ST_AsGeoJSON(CASE WHEN $8::boolean THEN ST_FlipCoordinates(ST_Transform(b.geom, $11::int))
                         ELSE ST_Transform(b.geom, $11::int) END,
                    CASE WHEN $11::int = 4490 THEN 7 ELSE 3 END) AS geometry
FROM basic_farmland b
JOIN county c ON c.adcode = b.adcode
WHERE b.adcode = ANY ($10::bpchar[])
  AND (b.adcode, b.id) > ($1::bpchar, $2::bigint)
  AND ($9::bigint IS NULL OR b.id = $9::bigint)
  AND ($4::float8 IS NULL OR ST_Intersects(b.geom, ST_MakeEnvelope($4, $5, $6, $7, 4490)))
  AND TRUE -- filter
ORDER BY b.adcode, b.id
LIMIT $3
