-- The units a scope can name: provinces, cities and counties, from the counties held.
SELECT DISTINCT left(adcode, 2) || '0000' AS code, province AS name, 'province' AS level FROM county
UNION
SELECT DISTINCT city_code::text, province || city, 'city' FROM county
UNION
SELECT adcode::text, city || name, 'county' FROM county
ORDER BY code
