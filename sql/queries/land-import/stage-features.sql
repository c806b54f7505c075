-- One batch of features into the staging table of import $1: the attributes as read ($3), the mapped attributes as
-- cleaned text ($5), the target and the attribute problems found in TypeScript, and the geometry (GeoJSON, or hex WKB from shapefile-records.ts) read in the file's
-- CRS $4 and transformed to EPSG:4490 here.
INSERT INTO land_import_feature (import_id, seq, attrs, bsm, tbbh, dlbm, dlmc, qsxz, qsdwdm, qsdwmc, zldwdm, zldwmc,
  tbmj, kcxs, gdlx, gdpdjb, zzsxdm, zzsxmc, sjnf, bz, target, problems, geom)
SELECT $1, f.seq, f.attrs::jsonb,
  m.v ->> 'bsm', m.v ->> 'tbbh', m.v ->> 'dlbm', m.v ->> 'dlmc', m.v ->> 'qsxz', m.v ->> 'qsdwdm', m.v ->> 'qsdwmc',
  m.v ->> 'zldwdm', m.v ->> 'zldwmc', m.v ->> 'tbmj', m.v ->> 'kcxs', m.v ->> 'gdlx', m.v ->> 'gdpdjb',
  m.v ->> 'zzsxdm', m.v ->> 'zzsxmc', m.v ->> 'sjnf', m.v ->> 'bz',
  f.target, f.problems::jsonb,
  CASE WHEN f.geometry IS NULL THEN NULL
    WHEN left(f.geometry, 1) = '{' THEN ST_Transform(ST_Force2D(ST_SetSRID(ST_GeomFromGeoJSON(f.geometry), $4)), 4490)
    ELSE ST_Transform(ST_SetSRID(ST_GeomFromWKB(decode(f.geometry, 'hex')), $4), 4490) END
FROM unnest($2::integer[], $3::text[], $5::text[], $6::text[], $7::text[], $8::text[])
  AS f(seq, attrs, mapped, geometry, target, problems)
CROSS JOIN LATERAL (SELECT f.mapped::jsonb AS v) m
