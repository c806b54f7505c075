-- $1 adcode, $2 zone id, $3 labels, $4 longitudes, $5 latitudes.
INSERT INTO control_zone_sign (adcode, zone_id, label, geom)
SELECT $1, $2, s.label, ST_SetSRID(ST_MakePoint(s.lon, s.lat), 4490)
FROM unnest($3::text[], $4::float8[], $5::float8[]) WITH ORDINALITY AS s(label, lon, lat, i)
ORDER BY s.i
