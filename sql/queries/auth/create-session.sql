-- $1 token hash, $2 user id, $3 CSRF token, $4 lifetime in minutes
INSERT INTO user_session (token_hash, user_id, csrf_token, expires_at)
VALUES ($1, $2, $3, now() + make_interval(mins => $4))
