-- $1 user id, $2 scope codes
INSERT INTO app_user_scope (user_id, code) SELECT $1, unnest($2::text[])
