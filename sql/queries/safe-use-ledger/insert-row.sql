-- $1 county code, $2 year, $3 parcel id, $4 parcel code, $5 township, $6 land code, $7 degree, $8 degree reason,
-- $9 area m², $10 produce compliant, $11 produce source, $12 produce basis, $13 implementer, $14 from, $15 to,
-- $16 note, $17 user. Nothing when the parcel is already in the year's ledger.
INSERT INTO safe_use_account (adcode, year, parcel_id, parcel_code, township_code, dlbm, pollution_degree, degree_reason,
                              area_m2, produce_compliant, produce_source, produce_basis, implementer, implemented_from,
                              implemented_to, note, created_by, updated_by)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14::date, $15::date, $16, $17, $17)
ON CONFLICT (adcode, year, parcel_code) DO NOTHING
RETURNING id
