-- $1 owner kind, $2 owner id. The record a document belongs to: its county, code, name and (plots) status.
SELECT o.adcode::text, c.name AS county, o.code, o.name, o.status
FROM (
  SELECT adcode, code, name, status FROM contaminated_plot WHERE $1 = 'plot' AND id = $2
  UNION ALL
  SELECT adcode, code, name, NULL FROM control_zone WHERE $1 = 'control_zone' AND id = $2
  UNION ALL
  SELECT adcode, credit_code::text, name, status FROM supervised_enterprise WHERE $1 = 'enterprise' AND id = $2
) o JOIN county c ON c.adcode = o.adcode
