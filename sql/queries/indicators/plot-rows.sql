-- $1 county codes, $2 year, $3 outcome (null = all), $4 most rows. The redevelopment records up to the end of the
-- year, with the count and area of all of them (also beyond the limit).
SELECT r.id, r.adcode::text, c.name AS county, r.plot_id, r.plot_code, r.plot_name, r.year::int, r.planned_use,
       r.area_m2, r.meets_requirement, r.basis, r.is_generated,
       count(*) OVER ()::int AS total_count, sum(r.area_m2) OVER () AS total_area_m2
FROM plot_redevelopment r JOIN county c ON c.adcode = r.adcode
WHERE r.adcode = ANY($1::bpchar[]) AND r.year <= $2 AND ($3::boolean IS NULL OR r.meets_requirement = $3)
ORDER BY r.adcode, r.year, r.plot_code
LIMIT $4
