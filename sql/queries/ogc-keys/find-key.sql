-- The key whose SHA-256 is $1, as the service checks it on each request.
SELECT id, collections, adcodes::text[] AS adcodes, expires_at, revoked_at
FROM ogc_access_key
WHERE key_hash = $1
