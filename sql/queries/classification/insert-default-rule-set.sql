-- $1 version, $2 name, $3 rules (JSON text). The built-in rule set, added once; it becomes the default only
-- when no rule set is the default yet (a province's own default is never replaced).
INSERT INTO class_rule_set (version, name, rules, is_default)
SELECT $1, $2, $3::jsonb, NOT EXISTS (SELECT 1 FROM class_rule_set WHERE is_default)
ON CONFLICT (version) DO NOTHING
