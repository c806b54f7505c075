-- Issues a data sharing key: only its SHA-256 and first characters are kept. $1 hash, $2 prefix, $3 holder,
-- $4 holder kind, $5 collections, $6 county codes, $7 expiry, $8 note, $9 the administrator.
INSERT INTO ogc_access_key (key_hash, key_prefix, holder, holder_kind, collections, adcodes, expires_at, note, created_by)
VALUES ($1, $2, $3, $4, $5::text[], $6::bpchar[], $7, $8, $9)
RETURNING id
