-- $1 point id, $2 name, $3 level, $4 type, $5 status: the edited facts, version + 1 (the caller holds the row lock
-- and has compared the version).
UPDATE monitoring_point SET name = $2, level = $3, point_type = $4, status = $5, version = version + 1
WHERE id = $1
RETURNING version
