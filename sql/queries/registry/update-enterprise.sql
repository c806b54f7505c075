-- $1 adcode, $2 id, $3 credit code, $4 name, $5 industry, $6 status, $7 site outline (GeoJSON). Every field is
-- written (merged by the service); the version goes up. The words of 其他 go when the industry is changed to a listed one.
UPDATE supervised_enterprise SET credit_code = $3, name = $4, industry = $5, status = $6,
  industry_other = CASE WHEN $5 = 'other' THEN industry_other END,
  geom = ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON($7), 4490)), version = version + 1, updated_at = now()
WHERE adcode = $1 AND id = $2
RETURNING version
