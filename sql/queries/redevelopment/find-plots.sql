-- $1 plot ids or NULL, $2 plot codes or NULL. Plots as a redevelopment record needs them: county, status, area and
-- whether the plot was ever confirmed as contaminated (a step into 污染地块).
SELECT p.id, p.adcode::text, c.name AS county, p.code, p.name, p.status, p.area_m2,
       EXISTS (SELECT 1 FROM plot_event e WHERE e.adcode = p.adcode AND e.plot_id = p.id AND e.to_status = 'contaminated')
         AS was_confirmed
FROM contaminated_plot p JOIN county c ON c.adcode = p.adcode
WHERE p.id = ANY($1::bigint[]) OR p.code = ANY($2::text[])
