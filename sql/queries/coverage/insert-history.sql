-- The history row of an accepted planned point, in the same transaction: $1 adcode, $2 point id, $3 actor, $4 reason, $5 after.
INSERT INTO change_history (adcode, entity, entity_id, action, actor, reason, after)
VALUES ($1, 'monitoring_point', $2, 'create', $3, $4, $5::jsonb)
RETURNING id
