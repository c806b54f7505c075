-- $1 adcode. The next sequence number of the county in the current year (China time), holding the counter row
-- until the transaction ends: concurrent checks wait and get consecutive numbers.
INSERT INTO precheck_counter AS c (adcode, year, last)
VALUES ($1, extract(year FROM (now() AT TIME ZONE 'UTC') + interval '8 hours')::integer, 1)
ON CONFLICT (adcode, year) DO UPDATE SET last = c.last + 1
RETURNING c.year, c.last AS seq
