-- $1 import, $2 … $3 plan line range, $4 officer, $5 reason. Parcels gone from the new layer (and retired conflicts
-- decided 'theirs') move to retired_parcel with their class-list entries, get a change_history row 'retire' with
-- their last version, and leave farmland_parcel (the entries go with them, kept in the archive for a restore).
WITH target AS (
  SELECT p.* FROM land_update_match m JOIN farmland_parcel p ON p.id = m.parcel_id
  WHERE m.import_id = $1::bigint AND m.no BETWEEN $2::integer AND $3::integer AND m.kind = 'retired'
    AND (NOT m.is_conflict OR m.decision = 'theirs')
),
archived AS (
  INSERT INTO retired_parcel (adcode, id, code, class, township_code, area_m2, geom, parcel, entries, import_id, retired_by)
  SELECT t.adcode, t.id, t.code, t.class, t.township_code, t.area_m2, t.geom,
         to_jsonb(t) - 'geom' - 'geom_3857' - 'area_m2',
         coalesce((SELECT jsonb_agg(to_jsonb(e)) FROM class_list_entry e WHERE e.adcode = t.adcode AND e.parcel_id = t.id),
                  '[]'::jsonb),
         $1::bigint, $4::text
  FROM target t
  RETURNING adcode, id
),
history AS (
  INSERT INTO change_history (adcode, entity, entity_id, action, actor, reason, before, after)
  SELECT t.adcode, 'farmland_parcel', t.id, 'retire', $4::text, $5::text,
         jsonb_build_object('id', t.id, 'code', t.code, 'dlbm', t.dlbm, 'dlmc', t.dlmc, 'townshipCode', t.township_code,
           'qsxz', t.qsxz, 'qsdwmc', t.qsdwmc, 'zldwmc', t.zldwmc, 'kcxs', t.kcxs, 'gdpdjb', t.gdpdjb,
           'zzsxdm', t.zzsxdm, 'bz', t.bz, 'class', t.class, 'classMethod', t.class_method,
           'classListId', t.class_list_id, 'version', t.version, 'areaM2', t.area_m2,
           'geometry', ST_AsGeoJSON(t.geom, 7)::jsonb, 'bsm', t.bsm, 'importId', t.import_id),
         NULL
  FROM target t
)
DELETE FROM farmland_parcel p USING archived a WHERE p.adcode = a.adcode AND p.id = a.id
