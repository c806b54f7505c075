-- $1 import, $2 … $3 plan line range, $4 officer, $5 reason. Changed parcels (and conflicts decided 'theirs') take the
-- new layer's outline, land code and 三调 attributes as a new version, keeping their id, code and published class;
-- each gets a change_history row naming the import with both versions.
WITH target AS (
  -- the parcels to change, as they are now, and their features
  SELECT p.id, f.seq,
         jsonb_build_object('id', p.id, 'code', p.code, 'dlbm', p.dlbm, 'dlmc', p.dlmc, 'townshipCode', p.township_code,
           'qsxz', p.qsxz, 'qsdwmc', p.qsdwmc, 'zldwmc', p.zldwmc, 'kcxs', p.kcxs, 'gdpdjb', p.gdpdjb,
           'zzsxdm', p.zzsxdm, 'bz', p.bz, 'class', p.class, 'classMethod', p.class_method,
           'classListId', p.class_list_id, 'version', p.version, 'areaM2', p.area_m2,
           'geometry', ST_AsGeoJSON(p.geom, 7)::jsonb, 'bsm', p.bsm, 'importId', p.import_id) AS before
  FROM land_update_match m
  JOIN farmland_parcel p ON p.id = m.parcel_id
  JOIN land_import_feature f ON f.import_id = m.import_id AND f.seq = m.seq
  WHERE m.import_id = $1 AND m.no BETWEEN $2 AND $3 AND m.kind = 'changed'
    AND (NOT m.is_conflict OR m.decision = 'theirs')
),
changed AS (
  UPDATE farmland_parcel p
  SET geom = ST_Multi(ST_CollectionExtract(f.geom, 3)), dlbm = f.dlbm, dlmc = f.dlmc,
      township_code = coalesce(f.township_code, p.township_code), bsm = f.bsm, tbbh = f.tbbh, qsxz = f.qsxz,
      qsdwdm = f.qsdwdm, qsdwmc = f.qsdwmc, zldwdm = f.zldwdm, zldwmc = f.zldwmc, tbmj = f.tbmj::double precision,
      kcxs = f.kcxs::numeric, gdlx = f.gdlx, gdpdjb = f.gdpdjb, zzsxdm = f.zzsxdm, zzsxmc = f.zzsxmc,
      sjnf = f.sjnf::integer, bz = f.bz, import_id = $1::bigint,
      version = p.version + 1, updated_at = now(), updated_by = $4::text
  FROM target t JOIN land_import_feature f ON f.import_id = $1::bigint AND f.seq = t.seq
  WHERE p.id = t.id
  RETURNING p.*
)
INSERT INTO change_history (adcode, entity, entity_id, action, actor, reason, before, after)
SELECT p.adcode, 'farmland_parcel', p.id, 'import', $4::text, $5::text, t.before,
       jsonb_build_object('id', p.id, 'code', p.code, 'dlbm', p.dlbm, 'dlmc', p.dlmc, 'townshipCode', p.township_code,
         'qsxz', p.qsxz, 'qsdwmc', p.qsdwmc, 'zldwmc', p.zldwmc, 'kcxs', p.kcxs, 'gdpdjb', p.gdpdjb,
         'zzsxdm', p.zzsxdm, 'bz', p.bz, 'class', p.class, 'classMethod', p.class_method,
         'classListId', p.class_list_id, 'version', p.version, 'areaM2', ST_Area(p.geom::geography),
         'geometry', ST_AsGeoJSON(p.geom, 7)::jsonb, 'bsm', p.bsm, 'importId', $1::bigint)
FROM changed p JOIN target t ON t.id = p.id
