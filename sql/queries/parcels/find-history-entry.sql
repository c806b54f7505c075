-- $1 parcel id, $2 history entry id.
SELECT h.id, h.adcode::text AS adcode, h.action, h.actor, h.reason, h.changed_at, h.before, h.after
FROM change_history h
WHERE h.entity = 'farmland_parcel' AND h.entity_id = $1 AND h.id = $2
