-- $1 id, $2 dlbm, $3 township code, $4 qsxz, $5 qsdwmc, $6 zldwmc, $7 kcxs, $8 gdpdjb, $9 zzsxdm, $10 bz, $11 class,
-- $12 class method, $13 class basis, $14 class list id, $15 GeoJSON polygon (null: unchanged), $16 editor.
-- The version moves on by one.
UPDATE farmland_parcel
SET dlbm = $2, township_code = $3, qsxz = $4, qsdwmc = $5, zldwmc = $6, kcxs = $7, gdpdjb = $8, zzsxdm = $9, bz = $10,
    class = $11, class_method = $12, class_basis = $13, class_list_id = $14,
    geom = coalesce(ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON($15::text), 4490)), geom),
    version = version + 1, updated_at = now(), updated_by = $16
WHERE id = $1
RETURNING id
