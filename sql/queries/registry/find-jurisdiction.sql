-- $1 code prefix (430903, 4309, 43). A county inside the jurisdiction, for its names; none: no such jurisdiction.
SELECT adcode::text, name, city_code::text, city, province FROM county WHERE adcode LIKE $1 || '%' ORDER BY adcode LIMIT 1
