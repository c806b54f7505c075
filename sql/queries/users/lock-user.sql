-- $1 user id. The account, locked for an administrator's change.
SELECT id, username, display_name, department, role, is_active, version,
       ARRAY(SELECT code::text FROM app_user_scope s WHERE s.user_id = app_user.id ORDER BY code) AS scopes
FROM app_user WHERE id = $1 FOR UPDATE
