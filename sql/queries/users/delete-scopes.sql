-- $1 user id
DELETE FROM app_user_scope WHERE user_id = $1
