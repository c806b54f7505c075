-- Plots on the provincial 风险管控和修复名录 may not become 住宅 or 公共管理与公共服务用地 (土壤污染防治法 第六十一条).
INSERT INTO plot_negative_use (adcode, plot_id, use_code, basis, reason, created_by)
SELECT p.adcode, p.id, u.use_code, '《中华人民共和国土壤污染防治法》第六十一条', u.reason, 'sample-data'
FROM contaminated_plot p
CROSS JOIN (VALUES ('R', '列入风险管控和修复名录的地块不得作为住宅用地'),
                   ('A', '列入风险管控和修复名录的地块不得作为公共管理与公共服务用地')) AS u(use_code, reason)
WHERE p.adcode = $1
  AND p.status IN ('listed', 'risk_control', 'remediation', 'effect_evaluation', 'removal_applied', 'control_zone')
