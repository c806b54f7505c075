-- $1 adcode, $2 credit code, $3 name, $4 industry, $5 the officer's words for 其他, $6 status, $7 site outline
-- (GeoJSON, checked).
INSERT INTO supervised_enterprise (adcode, credit_code, name, industry, industry_other, status, geom)
VALUES ($1, $2, $3, $4, $5, $6, ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON($7), 4490)))
RETURNING id
