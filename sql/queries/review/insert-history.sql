-- $1 adcode, $2 entity (table name), $3 entity id, $4 action, $5 actor (user name), $6 reason, $7 before, $8 after
INSERT INTO change_history (adcode, entity, entity_id, action, actor, reason, before, after)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
