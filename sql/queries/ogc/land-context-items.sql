-- One page of the internal collection `land-context` (OGC API - Features): the 三调 地类图斑 of the caller's
-- counties that are not farmland parcels (the context base map), with 标识码, 地类编码 and 地类名称 as in the
-- county's file and its 图斑面积 in m². Parameters as in farmland-parcels-items.sql.
SELECT l.id, l.adcode::text AS adcode, c.name AS county, l.bsm, l.dlbm::text AS dlbm, l.dlmc, l.tbmj, l.is_generated,
       ST_AsGeoJSON(CASE WHEN $8::boolean THEN ST_FlipCoordinates(ST_Transform(l.geom, $11::int))
                         ELSE ST_Transform(l.geom, $11::int) END,
                    CASE WHEN $11::int = 4490 THEN 7 ELSE 3 END) AS geometry
FROM land_context l
JOIN county c ON c.adcode = l.adcode
WHERE l.adcode = ANY ($10::bpchar[])
  AND (l.adcode, l.id) > ($1::bpchar, $2::bigint)
  AND ($9::bigint IS NULL OR l.id = $9::bigint)
  AND ($4::float8 IS NULL OR ST_Intersects(l.geom, ST_MakeEnvelope($4, $5, $6, $7, 4490)))
  AND TRUE -- filter
ORDER BY l.adcode, l.id
LIMIT $3
