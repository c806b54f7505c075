-- $1 county codes. Each county with its city and province (the keepers of the three lists).
SELECT adcode::text, name, city_code::text, city, province FROM county WHERE adcode = ANY($1::char(6)[]) ORDER BY adcode
