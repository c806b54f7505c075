-- $1 import. The conflicts: both versions (the parcel as edited in the system, the feature of the new layer), the
-- last edit and the decision taken.
SELECT m.no, m.kind, m.decision, m.decided_by, m.decided_at, m.is_reshaped, m.is_recoded,
       p.id AS parcel_id, p.code, p.class, p.dlbm::text AS dlbm, p.area_m2, p.version,
       ST_AsGeoJSON(p.geom, 7)::json AS geometry,
       e.actor AS edited_by, e.changed_at AS edited_at, e.action AS edit_action,
       f.seq, f.bsm, f.dlbm AS new_dlbm, f.dlmc AS new_dlmc,
       CASE WHEN f.geom IS NOT NULL THEN ST_Area(f.geom::geography) END AS new_area_m2,
       CASE WHEN f.geom IS NOT NULL THEN ST_AsGeoJSON(f.geom, 7)::json END AS new_geometry
FROM land_update_match m
JOIN farmland_parcel p ON p.id = m.parcel_id
LEFT JOIN land_import_feature f ON f.import_id = m.import_id AND f.seq = m.seq
LEFT JOIN LATERAL (
  SELECT h.actor, h.changed_at, h.action FROM change_history h
  WHERE h.adcode = p.adcode AND h.entity = 'farmland_parcel' AND h.entity_id = p.id AND h.action IN ('update', 'split', 'merge')
  ORDER BY h.changed_at DESC, h.id DESC LIMIT 1
) e ON true
WHERE m.import_id = $1 AND m.is_conflict
ORDER BY m.no
