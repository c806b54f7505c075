-- $1 adcode, $2 title, $3 rule set version, $4 user name. A new draft list, incomplete until its job is done.
INSERT INTO class_list (adcode, title, rule_set_version, created_by)
VALUES ($1, $2, $3, $4)
RETURNING id
