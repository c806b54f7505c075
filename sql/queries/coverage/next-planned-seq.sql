-- The next number of county $1's planned points (…-GH0001, …); the advisory lock holds until the transaction ends,
-- so two acceptances never take the same number.
WITH lock AS (SELECT pg_advisory_xact_lock(hashtext('monitoring-point-planned:' || $1)))
SELECT coalesce(max(substring(m.code FROM '-GH([0-9]+)$')::int), 0) + 1 AS seq
FROM lock, monitoring_point m
WHERE m.adcode = $1 AND m.code ~ ('^' || $1 || '-GH[0-9]+$')
