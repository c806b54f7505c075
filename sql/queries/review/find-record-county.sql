-- $1 table ('contaminated_plot' | 'control_zone' | 'class_list' | 'safe_use_ledger' | 'ban_zone'), $2 id. The county of a record, for the scope check.
SELECT p.adcode::text, c.name AS county FROM contaminated_plot p JOIN county c USING (adcode) WHERE $1 = 'contaminated_plot' AND p.id = $2
UNION ALL
SELECT z.adcode::text, c.name FROM control_zone z JOIN county c USING (adcode) WHERE $1 = 'control_zone' AND z.id = $2
UNION ALL
SELECT l.adcode::text, c.name FROM class_list l JOIN county c USING (adcode) WHERE $1 = 'class_list' AND l.id = $2
UNION ALL
SELECT s.adcode::text, c.name FROM safe_use_ledger s JOIN county c USING (adcode) WHERE $1 = 'safe_use_ledger' AND s.id = $2
UNION ALL
SELECT b.adcode::text, c.name FROM ban_zone b JOIN county c USING (adcode) WHERE $1 = 'ban_zone' AND b.id = $2
