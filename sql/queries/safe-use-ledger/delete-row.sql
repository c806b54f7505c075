-- $1 county code, $2 id, $3 expected version. Nothing when the version moved on; its measures go with it.
DELETE FROM safe_use_account WHERE adcode = $1 AND id = $2 AND version = $3
RETURNING id
