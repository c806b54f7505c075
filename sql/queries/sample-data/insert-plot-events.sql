-- $1 adcode. The first chronology entry of each generated sample plot: registered in its current state by the
-- sample-data import (no earlier documents exist for generated plots).
INSERT INTO plot_event (adcode, plot_id, action, from_status, to_status, risk_level, reason, actor)
SELECT p.adcode, p.id, 'import', NULL, p.status, p.risk_level, '示例数据（生成）：按当前状态导入，无既往调查评估文书', 'sample-data'
FROM contaminated_plot p
WHERE p.adcode = $1 AND p.is_generated
