-- $1 county codes, $2 most rows. Parcels that no longer exist, by the latest change that removed them (delete,
-- split or merge), most recent first.
WITH removal AS (
  SELECT DISTINCT ON (h.entity_id) h.entity_id, h.id, h.adcode, h.action, h.actor, h.reason, h.changed_at, h.before ->> 'code' AS code
  FROM change_history h
  WHERE h.entity = 'farmland_parcel' AND h.action IN ('delete', 'split', 'merge') AND h.adcode = ANY($1::char(6)[])
    AND NOT EXISTS (SELECT 1 FROM farmland_parcel p WHERE p.id = h.entity_id)
  ORDER BY h.entity_id, h.changed_at DESC, h.id DESC
)
SELECT r.entity_id AS id, r.code, r.adcode::text AS adcode, c.name AS county, r.action, r.id AS history_id,
       r.changed_at AS deleted_at, r.actor AS deleted_by, u.display_name AS deleted_by_name, r.reason
FROM removal r JOIN county c ON c.adcode = r.adcode LEFT JOIN app_user u ON u.username = r.actor
ORDER BY r.changed_at DESC, r.id DESC
LIMIT $2
