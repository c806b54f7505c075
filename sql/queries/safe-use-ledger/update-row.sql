-- $1 county code, $2 id, $3 expected version, $4 degree, $5 degree reason, $6 area m², $7 produce compliant,
-- $8 produce source, $9 produce basis, $10 implementer, $11 from, $12 to, $13 note, $14 user. Nothing when the
-- version moved on.
UPDATE safe_use_account SET
  pollution_degree = $4, degree_reason = $5, area_m2 = $6, produce_compliant = $7, produce_source = $8,
  produce_basis = $9, implementer = $10, implemented_from = $11::date, implemented_to = $12::date, note = $13,
  updated_by = $14, updated_at = now(), version = version + 1
WHERE adcode = $1 AND id = $2 AND version = $3
RETURNING id, version
