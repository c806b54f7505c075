-- A session's scratch table for the features sent by COPY (on a PostgreSQL server), dropped at the commit:
-- the attributes as read (JSON text), the 17 mapped attributes of a 地类图斑 each in its own column, the geometry
-- (GeoJSON, or hex WKB from shapefile-records.ts), the target and the attribute problems (JSON text).
CREATE TEMP TABLE land_import_copy (
  seq integer NOT NULL,
  attrs text NOT NULL,
  bsm text, tbbh text, dlbm text, dlmc text, qsxz text, qsdwdm text, qsdwmc text, zldwdm text, zldwmc text,
  tbmj text, kcxs text, gdlx text, gdpdjb text, zzsxdm text, zzsxmc text, sjnf text, bz text,
  geometry text,
  target text,
  problems text NOT NULL
) ON COMMIT DROP
