-- $1 import. Parcels that moved since the plan was made: lines whose parcel was edited or removed (version moved
-- on), and parcels of the county the plan does not know (drawn, restored or added by another update since).
SELECT (
  SELECT count(*)::integer
  FROM land_update_match m
  LEFT JOIN farmland_parcel p ON p.id = m.parcel_id
  WHERE m.import_id = $1 AND m.parcel_id IS NOT NULL AND (p.id IS NULL OR p.version <> m.parcel_version)
) + (
  SELECT count(*)::integer
  FROM land_update u
  JOIN farmland_parcel p ON p.adcode = u.adcode
  WHERE u.import_id = $1
    AND NOT EXISTS (SELECT 1 FROM land_update_match m WHERE m.import_id = $1 AND m.parcel_id = p.id)
) AS stale
