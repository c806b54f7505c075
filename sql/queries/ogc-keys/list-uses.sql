-- The latest uses ($2 rows) of the keys in the administrator's scope ($1 county codes), newest first; $3 one key's
-- id or NULL.
SELECT u.id, u.key_id, k.key_prefix, k.holder, u.used_at, u.collection, u.feature_count, u.client_address, u.tile
FROM ogc_key_use u JOIN ogc_access_key k ON k.id = u.key_id
WHERE k.adcodes <@ $1::bpchar[]
  AND ($3::bigint IS NULL OR u.key_id = $3::bigint)
ORDER BY u.used_at DESC, u.id DESC
LIMIT $2
