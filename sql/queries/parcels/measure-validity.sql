-- $1 GeoJSON polygon (checked shape, 2D). Whether it is a valid OGC geometry, and if not why and where.
SELECT d.valid, d.reason, ST_X(d.location) AS lon, ST_Y(d.location) AS lat
FROM ST_IsValidDetail(ST_SetSRID(ST_GeomFromGeoJSON($1), 4490)) d
