-- $1 adcode, $2 credit code, $3 id to leave out (or null). Another enterprise of the county with this code.
SELECT id, name FROM supervised_enterprise WHERE adcode = $1 AND credit_code = $2 AND ($3::bigint IS NULL OR id <> $3)
