-- A planned point accepted from the gap analysis: $1 adcode, $2 code, $3 name, $4 level, $5 type, $6 township,
-- $7 land use, $8 lon, $9 lat, $10 proposal (planned_basis), $11 who.
INSERT INTO monitoring_point (adcode, code, name, level, point_type, township_code, land_use, geom, status, planned_basis, created_by)
VALUES ($1, $2, $3, $4, $5, $6, $7, ST_SetSRID(ST_MakePoint($8::float8, $9::float8), 4490), 'planned', $10::jsonb, $11)
RETURNING id, code, name, level, point_type, status, township_code::text, land_use, ST_X(geom) AS lon, ST_Y(geom) AS lat,
          planned_basis, version, created_by, created_at
