-- $1 county codes, $2 statuses, $3 enterprise id or null, $4 proposal id or null. Proposals with their enterprise,
-- the officer who decided and the plot made.
SELECT p.id, p.adcode::text, c.city || ' ' || c.name AS county, p.enterprise_id, e.name AS enterprise_name,
       e.credit_code, e.industry, p.enterprise_status, p.status, p.created_at, p.created_by,
       coalesce(uc.display_name, p.created_by) AS created_by_name, p.decided_by,
       coalesce(ud.display_name, p.decided_by) AS decided_by_name, p.decided_at, p.reason, p.plot_id,
       pl.code AS plot_code, p.area_m2, ST_AsGeoJSON(p.geom, 8)::jsonb AS geometry
FROM plot_proposal p
JOIN county c USING (adcode)
JOIN supervised_enterprise e ON e.adcode = p.adcode AND e.id = p.enterprise_id
LEFT JOIN contaminated_plot pl ON pl.adcode = p.adcode AND pl.id = p.plot_id
LEFT JOIN app_user uc ON uc.username = p.created_by
LEFT JOIN app_user ud ON ud.username = p.decided_by
WHERE p.adcode = ANY($1::char(6)[]) AND p.status = ANY($2::text[])
  AND ($3::bigint IS NULL OR p.enterprise_id = $3) AND ($4::bigint IS NULL OR p.id = $4)
ORDER BY p.created_at DESC, p.id DESC
