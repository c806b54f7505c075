-- $1 user id
SELECT username, password_hash FROM app_user WHERE id = $1
