-- $1 adcode, $2 id (null: a new one), $3 code, $4 dlbm, $5 township code, $6 qsxz, $7 qsdwmc, $8 zldwmc, $9 kcxs,
-- $10 gdpdjb, $11 zzsxdm, $12 bz, $13 class, $14 class method, $15 class basis, $16 class list id,
-- $17 parent codes, $18 version, $19 GeoJSON polygon, $20 editor (user name).
INSERT INTO farmland_parcel (adcode, id, code, dlbm, township_code, qsxz, qsdwmc, zldwmc, kcxs, gdpdjb, zzsxdm, bz,
                             class, class_method, class_basis, class_list_id, parent_codes, version, geom, updated_by)
VALUES ($1, coalesce($2::bigint, nextval(pg_get_serial_sequence('farmland_parcel', 'id'))), $3, $4, $5, $6, $7, $8, $9,
        $10, $11, $12, $13, $14, $15, $16, $17, $18, ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON($19), 4490)), $20)
RETURNING id
