-- $1 user name. Whether the name is locked now, and until when.
SELECT locked_until, locked_until > now() AS is_locked FROM login_failure WHERE username = $1
