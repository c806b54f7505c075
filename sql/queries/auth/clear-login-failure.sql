-- $1 user name
DELETE FROM login_failure WHERE username = $1
