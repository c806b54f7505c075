-- $1 parcel id. The latest change that removed the parcel (delete, split or merge), with the actor's name and
-- the county, and the highest version the parcel ever had.
SELECT h.id, h.adcode::text AS adcode, c.name AS county, h.action, h.actor, u.display_name AS actor_name, h.reason, h.changed_at,
       h.before, (SELECT max(greatest((x.before ->> 'version')::int, (x.after ->> 'version')::int))
                  FROM change_history x WHERE x.entity = 'farmland_parcel' AND x.entity_id = $1) AS last_version
FROM change_history h
JOIN county c ON c.adcode = h.adcode
LEFT JOIN app_user u ON u.username = h.actor
WHERE h.entity = 'farmland_parcel' AND h.entity_id = $1 AND h.action IN ('delete', 'split', 'merge')
ORDER BY h.changed_at DESC, h.id DESC
LIMIT 1
