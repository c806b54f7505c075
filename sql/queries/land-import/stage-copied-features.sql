-- The batch sent by COPY into the staging table of import $1, as stage-features.sql does from arrays: the
-- attributes as read, the mapped attributes as cleaned text (a column each), the target and the attribute problems found in
-- TypeScript, and the geometry (GeoJSON, or hex WKB from shapefile-records.ts) read in the file's CRS $2 and
-- transformed to EPSG:4490 here.
INSERT INTO land_import_feature (import_id, seq, attrs, bsm, tbbh, dlbm, dlmc, qsxz, qsdwdm, qsdwmc, zldwdm, zldwmc,
  tbmj, kcxs, gdlx, gdpdjb, zzsxdm, zzsxmc, sjnf, bz, target, problems, geom)
SELECT $1, f.seq, f.attrs::jsonb,
  f.bsm, f.tbbh, f.dlbm, f.dlmc, f.qsxz, f.qsdwdm, f.qsdwmc, f.zldwdm, f.zldwmc, f.tbmj, f.kcxs, f.gdlx, f.gdpdjb,
  f.zzsxdm, f.zzsxmc, f.sjnf, f.bz,
  f.target, f.problems::jsonb,
  CASE WHEN f.geometry IS NULL THEN NULL
    WHEN left(f.geometry, 1) = '{' THEN ST_Transform(ST_Force2D(ST_SetSRID(ST_GeomFromGeoJSON(f.geometry), $2)), 4490)
    ELSE ST_Transform(ST_SetSRID(ST_GeomFromWKB(decode(f.geometry, 'hex')), $2), 4490) END
FROM land_import_copy f
