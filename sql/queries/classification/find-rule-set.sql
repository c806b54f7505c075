-- $1 version, or null for the default rule set.
SELECT version, name, rules, is_default
FROM class_rule_set
WHERE ($1::text IS NULL AND is_default) OR version = $1
