-- $1 parcel id. The county of a parcel from its history (it may no longer exist).
SELECT h.adcode::text AS adcode, c.name AS county
FROM change_history h JOIN county c ON c.adcode = h.adcode
WHERE h.entity = 'farmland_parcel' AND h.entity_id = $1
ORDER BY h.changed_at DESC, h.id DESC
LIMIT 1
