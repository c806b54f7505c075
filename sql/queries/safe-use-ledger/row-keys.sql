-- $1 county code, $2 year. The parcel codes the ledger already lists, with each row's id and version.
SELECT id, parcel_code, version FROM safe_use_account WHERE adcode = $1 AND year = $2
