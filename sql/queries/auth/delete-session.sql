-- $1 token hash
DELETE FROM user_session WHERE token_hash = $1
