-- $1 county codes in scope, $2 states (null: any), $3 search text (null: any; matches code, name, address),
-- $4 limit. Plots of the counties, newest change first.
SELECT p.id, p.code, p.name, p.adcode::text, c.name AS county, p.status, p.risk_level, p.review_status,
       p.area_m2, p.updated_at
FROM contaminated_plot p JOIN county c USING (adcode)
WHERE p.adcode = ANY($1::char(6)[])
  AND ($2::text[] IS NULL OR p.status = ANY($2::text[]))
  AND ($3::text IS NULL OR p.code ILIKE '%' || $3 || '%' OR p.name ILIKE '%' || $3 || '%' OR p.address ILIKE '%' || $3 || '%')
ORDER BY p.updated_at DESC, p.id DESC
LIMIT $4
