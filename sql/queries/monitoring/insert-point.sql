-- $1 county, $2 code, $3 name, $4 level, $5 type, $6 status, $7 township, $8 三调 land code, $9 soil type,
-- $10 longitude, $11 latitude, $12 created by: a new point; id.
INSERT INTO monitoring_point (adcode, code, name, level, point_type, status, township_code, land_use, soil_type, geom, created_by)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, ST_SetSRID(ST_MakePoint($10, $11), 4490), $12)
ON CONFLICT (adcode, code) DO NOTHING
RETURNING id
