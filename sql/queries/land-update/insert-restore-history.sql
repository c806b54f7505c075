-- $1 parcel id, $2 officer, $3 reason. The history row of a restored parcel, with its version now.
INSERT INTO change_history (adcode, entity, entity_id, action, actor, reason, before, after)
SELECT p.adcode, 'farmland_parcel', p.id, 'restore', $2::text, $3::text, NULL,
       jsonb_build_object('id', p.id, 'code', p.code, 'dlbm', p.dlbm, 'townshipCode', p.township_code,
         'class', p.class, 'version', p.version, 'areaM2', p.area_m2, 'geometry', ST_AsGeoJSON(p.geom, 7)::jsonb,
         'bsm', p.bsm, 'importId', p.import_id)
FROM farmland_parcel p WHERE p.id = $1
RETURNING entity_id
