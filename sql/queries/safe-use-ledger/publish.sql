-- $1 adcode, $2 ledger ids (one). The ledger's published version moves on; its rows are the figures already.
UPDATE safe_use_ledger SET published_version = published_version + 1, published_at = now()
WHERE adcode = $1 AND id = ANY($2::bigint[])
