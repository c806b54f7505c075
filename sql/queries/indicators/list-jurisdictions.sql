-- Every jurisdiction a target may be set for: the nation, and the provinces, cities and counties of the loaded data.
SELECT '000000' AS code, '全国' AS name
UNION ALL
SELECT DISTINCT left(adcode, 2) || '0000', province FROM county
UNION ALL
SELECT DISTINCT city_code::text, city FROM county
UNION ALL
SELECT adcode::text, name FROM county
