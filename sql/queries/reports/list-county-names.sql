-- Names of the served counties, for the message when a report lies outside all of them.
SELECT name FROM county ORDER BY city_code, adcode
