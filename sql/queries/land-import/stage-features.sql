-- One batch of features into the staging table of import $1: the attributes as read ($3), the mapped attributes as
-- cleaned text ($5), the target and the attribute problems found in TypeScript, and the geometry (GeoJSON, or hex WKB
-- from shapefile-records.ts) read in the file's CRS $4 and transformed to EPSG:4490 here, with its geodetic area and,
-- for a feature without a problem so far, the township of county $9 that the first 9 digits of its 坐落单位代码 name
-- (the later checks clear it for the features they refuse).
INSERT INTO land_import_feature (import_id, seq, attrs, bsm, tbbh, dlbm, dlmc, qsxz, qsdwdm, qsdwmc, zldwdm, zldwmc,
  tbmj, kcxs, gdlx, gdpdjb, zzsxdm, zzsxmc, sjnf, bz, target, problems, geom, area_m2, township_code)
SELECT $1, f.seq, f.attrs::jsonb,
  m.bsm, m.tbbh, m.dlbm, m.dlmc, m.qsxz, m.qsdwdm, m.qsdwmc, m.zldwdm, m.zldwmc, m.tbmj, m.kcxs, m.gdlx, m.gdpdjb,
  m.zzsxdm, m.zzsxmc, m.sjnf, m.bz,
  f.target, p.problems, g.geom,
  CASE WHEN NOT ST_IsEmpty(g.geom) THEN ST_Area(g.geom::geography) END,
  CASE WHEN g.geom IS NOT NULL AND NOT p.problems @> '[{"severity": "error"}]'::jsonb
       THEN (SELECT t.code FROM township t WHERE t.adcode = $9 AND t.code = left(m.zldwdm, 9)) END
FROM unnest($2::integer[], $3::text[], $5::text[], $6::text[], $7::text[], $8::text[])
  AS f(seq, attrs, mapped, geometry, target, problems)
-- parsed once per feature (`->>` on a cast would parse the text again for every attribute)
CROSS JOIN LATERAL json_to_record(f.mapped::json) AS m(bsm text, tbbh text, dlbm text, dlmc text,
  qsxz text, qsdwdm text, qsdwmc text, zldwdm text, zldwmc text, tbmj text, kcxs text, gdlx text, gdpdjb text,
  zzsxdm text, zzsxmc text, sjnf text, bz text)
CROSS JOIN LATERAL (SELECT f.problems::jsonb AS problems OFFSET 0) p
-- the geometry in EPSG:4490, transformed once (OFFSET 0 keeps the planner from copying the expression into each use)
CROSS JOIN LATERAL (SELECT CASE WHEN f.geometry IS NULL THEN NULL
    WHEN left(f.geometry, 1) = '{' THEN ST_Transform(ST_Force2D(ST_SetSRID(ST_GeomFromGeoJSON(f.geometry), $4)), 4490)
    ELSE ST_Transform(ST_SetSRID(ST_GeomFromWKB(decode(f.geometry, 'hex')), $4), 4490) END AS geom OFFSET 0) g
