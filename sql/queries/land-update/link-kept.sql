-- $1 import, $2 … $3 plan line range. Unchanged parcels, and conflicts decided 'ours', are linked to this import
-- (its 标识码, so the next year's file matches by BSM) without a new version: their outline, code and class stay.
UPDATE farmland_parcel p
SET bsm = coalesce(f.bsm, p.bsm), import_id = $1::bigint
FROM land_update_match m
JOIN land_import_feature f ON f.import_id = m.import_id AND f.seq = m.seq
WHERE m.import_id = $1::bigint AND m.no BETWEEN $2 AND $3 AND p.id = m.parcel_id
  AND (m.kind = 'unchanged' OR (m.kind = 'changed' AND m.is_conflict AND m.decision = 'ours'))
