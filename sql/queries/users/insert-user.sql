-- $1 user name, $2 display name, $3 department, $4 role, $5 password hash, $6 must change password, $7 is generated
INSERT INTO app_user (username, display_name, department, role, password_hash, must_change_password, is_generated)
VALUES ($1, $2, $3, $4, $5, $6, $7)
RETURNING id
