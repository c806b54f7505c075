-- $1 import, $2 county, $3 code number of the range's first valid farmland feature minus one (the county's first
-- new code number minus one plus the parcels applied before the range), $4 … $5 seq range, $6 actor, $7 reason.
-- The valid farmland features of the range become farmland parcels (class 未划定, the 三调 attributes kept, codes
-- numbered in file order), each with a change_history row naming the import. The range is of seq so that the
-- primary key finds a batch's rows.
WITH inserted AS (
  INSERT INTO farmland_parcel (adcode, code, dlbm, township_code, class, geom, updated_by, bsm, tbbh, dlmc, qsxz,
    qsdwdm, qsdwmc, zldwdm, zldwmc, tbmj, kcxs, gdlx, gdpdjb, zzsxdm, zzsxmc, sjnf, bz, import_id)
  SELECT $2::text, $2::text || '-' || lpad(($3::integer + row_number() OVER (ORDER BY f.seq))::text, 7, '0'), f.dlbm, f.township_code,
         'unclassified', ST_Multi(ST_CollectionExtract(f.geom, 3)), $6::text, f.bsm, f.tbbh, f.dlmc, f.qsxz, f.qsdwdm, f.qsdwmc, f.zldwdm,
         f.zldwmc, f.tbmj::double precision, f.kcxs::numeric, f.gdlx, f.gdpdjb, f.zzsxdm, f.zzsxmc, f.sjnf::integer,
         f.bz, $1::bigint
  FROM land_import_feature f
  WHERE f.import_id = $1::bigint AND NOT f.is_refused AND f.target = 'farmland'
    AND f.seq BETWEEN $4::integer AND $5::integer
  RETURNING *
)
INSERT INTO change_history (adcode, entity, entity_id, action, actor, reason, before, after)
SELECT p.adcode, 'farmland_parcel', p.id, 'import', $6::text, $7::text, NULL,
       jsonb_build_object('id', p.id, 'code', p.code, 'dlbm', p.dlbm, 'dlmc', p.dlmc, 'townshipCode', p.township_code,
         'qsxz', p.qsxz, 'qsdwmc', p.qsdwmc, 'zldwmc', p.zldwmc, 'kcxs', p.kcxs, 'gdpdjb', p.gdpdjb,
         'zzsxdm', p.zzsxdm, 'bz', p.bz, 'class', p.class, 'classMethod', NULL, 'classBasis', NULL,
         'classListId', NULL, 'parentCodes', NULL, 'version', p.version, 'areaM2', p.area_m2,
         'geometry', ST_AsGeoJSON(p.geom, 7)::jsonb, 'bsm', p.bsm, 'importId', $1::bigint)
FROM inserted p
