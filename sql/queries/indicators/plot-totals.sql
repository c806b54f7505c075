-- $1 county codes, $2 year. Redeveloped contaminated plots up to the end of the year, per county and outcome.
SELECT adcode::text, meets_requirement, count(*)::int AS count, sum(area_m2) AS area_m2
FROM plot_redevelopment
WHERE adcode = ANY($1::bpchar[]) AND year <= $2
GROUP BY 1, 2
ORDER BY 1, 2
