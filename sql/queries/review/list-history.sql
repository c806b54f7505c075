-- $1 entity (table name), $2 entity id. Every change of a record, newest first, with the actor's name.
SELECT h.id, h.action, h.actor, u.display_name AS actor_name, u.role AS actor_role, h.reason, h.changed_at,
       h.before, h.after
FROM change_history h LEFT JOIN app_user u ON u.username = h.actor
WHERE h.entity = $1 AND h.entity_id = $2
ORDER BY h.changed_at DESC, h.id DESC
