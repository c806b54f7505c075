-- $1 adcode, $2 list id. The list changed: a new version.
UPDATE class_list SET version = version + 1, updated_at = now() WHERE adcode = $1 AND id = $2
RETURNING version
