-- $1 import. Lines of the plan whose parcel was edited or removed since the plan was made (version moved on).
SELECT count(*)::integer AS stale
FROM land_update_match m
LEFT JOIN farmland_parcel p ON p.id = m.parcel_id
WHERE m.import_id = $1 AND m.parcel_id IS NOT NULL AND (p.id IS NULL OR p.version <> m.parcel_version)
