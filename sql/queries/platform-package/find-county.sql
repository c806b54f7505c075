-- A county as the upload package names it; $1 = adcode.
SELECT adcode::text AS adcode, name, city_code::text AS city_code, city, province FROM county WHERE adcode = $1
