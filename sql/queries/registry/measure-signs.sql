-- $1 zone outline (GeoJSON, valid), $2 sign longitudes, $3 sign latitudes. Distance of each sign to the zone
-- (0 inside), m, in the order given.
SELECT s.i::int - 1 AS index, ST_Distance(ST_SetSRID(ST_MakePoint(s.lon, s.lat), 4490)::geography,
                                      ST_SetSRID(ST_GeomFromGeoJSON($1), 4490)::geography) AS distance_m
FROM unnest($2::float8[], $3::float8[]) WITH ORDINALITY AS s(lon, lat, i)
ORDER BY s.i
