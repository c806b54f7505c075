-- $1 SHA-256 of the session token. The session's user, role and scope codes, if the session is live.
SELECT u.id, u.username, u.display_name, u.department, u.role, u.must_change_password,
       s.csrf_token, s.last_seen_at, s.expires_at,
       ARRAY(SELECT code::text FROM app_user_scope WHERE user_id = u.id ORDER BY code) AS scopes
FROM user_session s JOIN app_user u ON u.id = s.user_id
WHERE s.token_hash = $1 AND s.expires_at > now() AND u.is_active
