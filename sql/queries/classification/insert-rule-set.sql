-- $1 version, $2 name, $3 rules (JSON text), $4 is default, $5 created by. A rule set is never changed once
-- stored (lists record its version); a change is a new version.
INSERT INTO class_rule_set (version, name, rules, is_default, created_by)
VALUES ($1, $2, $3::jsonb, $4, $5)
ON CONFLICT (version) DO NOTHING
RETURNING version
