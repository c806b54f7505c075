-- $1 adcode. The next number of the county's zone codes (430903-GK001 …), after taking the county's code lock
-- for the rest of the transaction.
WITH locked AS (SELECT pg_advisory_xact_lock(hashtext('control_zone_code'), hashtext($1)))
SELECT coalesce(max(substring(z.code FROM '-GK([0-9]+)$')::int), 0) + 1 AS next
FROM locked LEFT JOIN control_zone z ON z.adcode = $1::char(6)
