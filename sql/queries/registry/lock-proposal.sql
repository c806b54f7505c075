-- $1 proposal id. The proposal with its enterprise, locked for the decision.
SELECT p.id, p.adcode::text, c.name AS county_name, p.enterprise_id, e.name AS enterprise_name, e.industry, p.status,
       p.decided_by, coalesce(u.display_name, p.decided_by) AS decided_by_name, p.decided_at
FROM plot_proposal p
JOIN county c USING (adcode)
JOIN supervised_enterprise e ON e.adcode = p.adcode AND e.id = p.enterprise_id
LEFT JOIN app_user u ON u.username = p.decided_by
WHERE p.id = $1
FOR UPDATE OF p
