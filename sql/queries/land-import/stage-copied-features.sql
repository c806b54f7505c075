-- The features sent by COPY, in one statement, into the staging table of import $1, as stage-features.sql does from arrays: the
-- attributes as read, the mapped attributes as cleaned text (a column each), the target and the attribute problems found in
-- TypeScript, and the geometry (GeoJSON, or hex WKB from shapefile-records.ts) read in the file's CRS $2 and
-- transformed to EPSG:4490 here, with its geodetic area and, for a feature without a problem so far, the township of
-- county $3 that the first 9 digits of its 坐落单位代码 name (the later checks clear it for the features they refuse).
INSERT INTO land_import_feature (import_id, seq, attrs, bsm, tbbh, dlbm, dlmc, qsxz, qsdwdm, qsdwmc, zldwdm, zldwmc,
  tbmj, kcxs, gdlx, gdpdjb, zzsxdm, zzsxmc, sjnf, bz, target, problems, geom, area_m2, township_code)
SELECT $1, f.seq, f.attrs::jsonb,
  f.bsm, f.tbbh, f.dlbm, f.dlmc, f.qsxz, f.qsdwdm, f.qsdwmc, f.zldwdm, f.zldwmc, f.tbmj, f.kcxs, f.gdlx, f.gdpdjb,
  f.zzsxdm, f.zzsxmc, f.sjnf, f.bz,
  f.target, p.problems, g.geom,
  CASE WHEN NOT ST_IsEmpty(g.geom) THEN ST_Area(g.geom::geography) END,
  CASE WHEN g.geom IS NOT NULL AND NOT p.problems @> '[{"severity": "error"}]'::jsonb
       THEN (SELECT t.code FROM township t WHERE t.adcode = $3 AND t.code = left(f.zldwdm, 9)) END
FROM land_import_copy f
CROSS JOIN LATERAL (SELECT f.problems::jsonb AS problems OFFSET 0) p
-- the geometry in EPSG:4490, transformed once (OFFSET 0 keeps the planner from copying the expression into each use)
CROSS JOIN LATERAL (SELECT CASE WHEN f.geometry IS NULL THEN NULL
    WHEN left(f.geometry, 1) = '{' THEN ST_Transform(ST_Force2D(ST_SetSRID(ST_GeomFromGeoJSON(f.geometry), $2)), 4490)
    ELSE ST_Transform(ST_SetSRID(ST_GeomFromWKB(decode(f.geometry, 'hex')), $2), 4490) END AS geom OFFSET 0) g
