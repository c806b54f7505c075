-- $1 adcode, $2 credit code, $3 name, $4 industry, $5 status, $6 site outline (GeoJSON).
INSERT INTO supervised_enterprise (adcode, credit_code, name, industry, status, geom)
VALUES ($1, $2, $3, $4, $5, ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON($6), 4490)))
RETURNING id
