-- Revokes key $1 when its counties all lie in the administrator's scope ($2) and it is not revoked yet; $3 the
-- administrator.
UPDATE ogc_access_key
SET revoked_at = now(), revoked_by = $3
WHERE id = $1 AND adcodes <@ $2::bpchar[] AND revoked_at IS NULL
RETURNING id
