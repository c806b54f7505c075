-- $1 county code.
SELECT adcode::text AS adcode, name FROM county WHERE adcode = $1
