-- $1 county code, $2 township code.
SELECT code::text AS code, name FROM township WHERE adcode = $1 AND code = $2
