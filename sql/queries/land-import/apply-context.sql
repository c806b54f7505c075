-- $1 import, $2 county, $3 … $4 seq range. The valid features of other land codes of the range become context
-- features (land_context).
INSERT INTO land_context (adcode, bsm, dlbm, dlmc, tbmj, geom, import_id)
SELECT $2::text, f.bsm, f.dlbm, f.dlmc, f.tbmj::double precision, ST_Multi(ST_CollectionExtract(f.geom, 3)), $1::bigint
FROM land_import_feature f
WHERE f.import_id = $1::bigint AND NOT f.is_refused AND f.target = 'context' AND f.seq BETWEEN $3::integer AND $4::integer
