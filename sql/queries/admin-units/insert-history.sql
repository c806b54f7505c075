-- The change of a county's administrative units in the history: one row per unit. $1 county code; $2 entity
-- ('county' | 'township') of each row; $3 its code as entity id; $4 actor; $5 reason (names the file); $6 before
-- (JSON); $7 after (JSON); $8 action ('create' | 'update' | 'delete').
INSERT INTO change_history (adcode, entity, entity_id, action, actor, reason, before, after)
SELECT $1, u.entity, u.code::bigint, u.action, $4, $5, u.b::jsonb, u.a::jsonb
FROM unnest($2::text[], $3::text[], $6::text[], $7::text[], $8::text[]) AS u(entity, code, b, a, action)
