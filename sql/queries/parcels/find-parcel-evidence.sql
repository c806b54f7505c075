-- $1 adcode, $2 parcel ids, $3 reach in metres, $4 most samples used. For each parcel: the monitoring points
-- with a result inside it, and the nearest such points outside it within the reach, with their distance in
-- metres on the ellipsoid (as classification/find-parcel-evidence, for given parcels).
WITH batch AS (
  SELECT id, geom, geom_3857 FROM farmland_parcel
  WHERE adcode = $1 AND id = ANY($2::bigint[])
)
SELECT b.id AS parcel_id, coalesce(inside.ids, '{}') AS inside_ids,
       coalesce(near.ids, '{}') AS near_ids, coalesce(near.distances, '{}') AS near_distances
FROM batch b
-- points with a result that lie in the parcel (or on its edge)
LEFT JOIN LATERAL (
  SELECT array_agg(mp.id ORDER BY mp.id) AS ids
  FROM monitoring_point mp
  WHERE mp.adcode = $1 AND ST_Intersects(mp.geom, b.geom)
    AND EXISTS (SELECT 1 FROM monitoring_result r WHERE r.adcode = mp.adcode AND r.point_id = mp.id)
) inside ON true
-- the nearest points with a result outside the parcel: KNN on the Web-Mercator copy, true distance decides
LEFT JOIN LATERAL (
  SELECT array_agg(n.id ORDER BY n.d) AS ids, array_agg(n.d ORDER BY n.d) AS distances
  FROM (
    SELECT mp.id, ST_Distance(mp.geom::geography, b.geom::geography) AS d
    FROM monitoring_point mp
    WHERE mp.adcode = $1
      AND ST_DWithin(mp.geom_3857, b.geom_3857, $3 * 1.01 / cos(radians(ST_YMax(b.geom))))
      AND NOT ST_Intersects(mp.geom, b.geom)
      AND EXISTS (SELECT 1 FROM monitoring_result r WHERE r.adcode = mp.adcode AND r.point_id = mp.id)
    ORDER BY mp.geom_3857 <-> b.geom_3857
    LIMIT $4
  ) n
  WHERE n.d <= $3
) near ON true
ORDER BY b.id
