-- $1 import, $2 parcel ids (null: every conflict), $3 decision ('ours' keeps the parcel as edited, 'theirs' takes
-- the new layer), $4 officer. The conflicts decided.
UPDATE land_update_match
SET decision = $3, decided_by = $4, decided_at = now()
WHERE import_id = $1 AND is_conflict AND ($2::bigint[] IS NULL OR parcel_id = ANY($2::bigint[]))
RETURNING parcel_id
