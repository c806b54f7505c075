-- $1 county codes. The counties with their city and province (and how many counties the city has here), for
-- figures, roll-ups and the target chain.
SELECT c.adcode::text, c.name, c.city_code::text, c.city, c.province,
       (SELECT count(*) FROM county o WHERE o.city_code = c.city_code)::int AS city_counties
FROM county c WHERE c.adcode = ANY($1::bpchar[])
ORDER BY c.adcode
