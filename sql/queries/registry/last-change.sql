-- $1 entity (table name), $2 id. Who changed a record last and when (for the conflict message).
SELECT h.actor, coalesce(u.display_name, h.actor) AS actor_name, h.changed_at, h.action
FROM change_history h LEFT JOIN app_user u ON u.username = h.actor
WHERE h.entity = $1 AND h.entity_id = $2
ORDER BY h.changed_at DESC, h.id DESC
LIMIT 1
