-- $1 user id, $2 token hash to keep (the caller's own session) or NULL
DELETE FROM user_session WHERE user_id = $1 AND ($2::text IS NULL OR token_hash <> $2)
