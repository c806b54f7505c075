-- $1 user name
SELECT id FROM app_user WHERE username = $1
