-- Farmland parcels of county $1 (classes $3) farther than $2 m from every active point, as GeoJSON
-- (6 decimals, about 0.1 m), at most $4 of them, largest first; the total comes with every row.
WITH uncovered AS (
  SELECT p.id, p.code, p.dlbm, p.township_code, p.area_m2, p.geom
  FROM farmland_parcel p
  WHERE p.adcode = $1 AND left(p.dlbm, 2) = ANY($3::text[])
    AND NOT EXISTS (
      SELECT 1 FROM monitoring_point m
      WHERE m.status = 'active'
        AND ST_DWithin(m.geom_3857, p.geom_3857, $2::float8 / cos(radians((ST_YMin(p.geom) + ST_YMax(p.geom)) / 2)))
    )
)
SELECT u.id, u.code, u.dlbm, u.township_code::text, u.area_m2, ST_AsGeoJSON(u.geom, 6)::json AS geometry,
       count(*) OVER () AS total
FROM uncovered u
ORDER BY u.area_m2 DESC, u.id
LIMIT $4
