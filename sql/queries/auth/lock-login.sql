-- $1 user name, $2 lock-out minutes
UPDATE login_failure SET locked_until = now() + make_interval(mins => $2), failed_count = 0 WHERE username = $1
RETURNING locked_until
