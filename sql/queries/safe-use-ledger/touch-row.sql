-- $1 county code, $2 id, $3 user. A row whose measures changed gets a new version.
UPDATE safe_use_account SET updated_by = $3, updated_at = now(), version = version + 1
WHERE adcode = $1 AND id = $2
RETURNING version
