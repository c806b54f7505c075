SELECT adcode::text AS adcode, name FROM county ORDER BY adcode
