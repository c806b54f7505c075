-- $1 import, $2 county, $3 … $4 seq range. The valid features of the range become 永久基本农田 patches
-- (basic_farmland); the 永久基本农田图斑编号 was staged in the 图斑编号 column.
INSERT INTO basic_farmland (adcode, bsm, code, dlbm, tbmj, zldwdm, zldwmc, geom, import_id)
SELECT $2::text, f.bsm, f.tbbh, f.dlbm, f.tbmj::double precision, f.zldwdm, f.zldwmc,
       ST_Multi(ST_CollectionExtract(f.geom, 3)), $1::bigint
FROM land_import_feature f
WHERE f.import_id = $1::bigint AND NOT f.is_refused AND f.seq BETWEEN $3::integer AND $4::integer
