-- $1 county code, $2 parcel ids, $3 year, $4 distance m. The crop results of the year at 农产品产地 points in use
-- inside each parcel or within the distance of it, nearest first.
SELECT p.id AS parcel_id, pt.code AS point_code, r.sampled_on::text, r.crop, r.values_mg_kg,
       ST_Distance(p.geom::geography, pt.geom::geography) AS distance_m
FROM farmland_parcel p
JOIN monitoring_point pt ON pt.adcode = p.adcode AND pt.point_type = 'produce' AND pt.status <> 'planned'
  AND ST_DWithin(p.geom::geography, pt.geom::geography, $4)
JOIN monitoring_result r ON r.adcode = pt.adcode AND r.point_id = pt.id AND r.medium = 'crop'
  AND r.sampled_on BETWEEN make_date($3, 1, 1) AND make_date($3, 12, 31)
WHERE p.adcode = $1 AND p.id = ANY($2::bigint[])
ORDER BY p.id, distance_m, r.sampled_on DESC
