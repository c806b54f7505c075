-- Every rule set, the default first.
SELECT version, name, rules, is_default, created_by, created_at
FROM class_rule_set
ORDER BY is_default DESC, created_at DESC, version
