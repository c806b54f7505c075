-- $1 parcel ids. The chosen parcels with their county, published class and what the class list found (main
-- pollutants, soil grade, samples, the basis summary), and a point inside each for the map.
SELECT p.id, p.adcode::text, c.name AS county, p.code, p.class AS published_class, p.township_code::text,
       p.area_m2, p.class_list_id, coalesce(e.main_pollutants, '{}') AS main_pollutants, e.soil_grade,
       coalesce(e.sample_count, 0) AS sample_count, p.class_basis->>'summary' AS summary,
       ST_X(ST_PointOnSurface(p.geom)) AS lon, ST_Y(ST_PointOnSurface(p.geom)) AS lat
FROM farmland_parcel p
JOIN county c ON c.adcode = p.adcode
LEFT JOIN class_list_entry e ON e.adcode = p.adcode AND e.list_id = p.class_list_id AND e.parcel_id = p.id
WHERE p.id = ANY($1::bigint[])
