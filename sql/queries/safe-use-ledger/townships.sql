-- $1 county code. The county's townships, for the ledger's filter.
SELECT code::text, name FROM township WHERE adcode = $1 ORDER BY code
