-- Every account with its scope codes and whether its name is locked out now.
SELECT u.id, u.username, u.display_name, u.department, u.role, u.must_change_password, u.is_active, u.is_generated,
       u.version, u.created_at, u.updated_at,
       ARRAY(SELECT code::text FROM app_user_scope s WHERE s.user_id = u.id ORDER BY code) AS scopes,
       f.locked_until > now() AS is_locked, f.locked_until
FROM app_user u LEFT JOIN login_failure f ON f.username = u.username
ORDER BY u.username
