-- $1 parcel id. Every change of the parcel, newest first, with the actor's name.
SELECT h.id, h.adcode::text AS adcode, h.action, h.actor, u.display_name AS actor_name, h.reason, h.changed_at, h.before, h.after
FROM change_history h LEFT JOIN app_user u ON u.username = h.actor
WHERE h.entity = 'farmland_parcel' AND h.entity_id = $1
ORDER BY h.changed_at DESC, h.id DESC
