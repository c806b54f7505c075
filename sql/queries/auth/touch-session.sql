-- $1 token hash, $2 lifetime in minutes (sliding; never beyond 7 days from creation)
UPDATE user_session SET last_seen_at = now(),
       expires_at = least(now() + make_interval(mins => $2), created_at + interval '7 days')
WHERE token_hash = $1
