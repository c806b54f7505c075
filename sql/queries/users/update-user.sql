-- $1 id, $2 display name, $3 department, $4 role, $5 is active
UPDATE app_user SET display_name = $2, department = $3, role = $4, is_active = $5, version = version + 1, updated_at = now()
WHERE id = $1
RETURNING version
