-- 三调 地类图斑 (DLTB) imports: a county's own parcels from its survey database. An upload is read into a staging
-- table (the features with their attributes, the geometry transformed to EPSG:4490 by PostGIS, and the problems
-- the set-wise checks found), reported, then applied in one transaction: farmland land codes become farmland
-- parcels (class 未划定), the others the context layer (land_context). The parcels keep 标识码 BSM and the import,
-- so the next year's file (年度变更调查) can be matched to them.

ALTER TABLE farmland_parcel
  ADD COLUMN bsm text,                                 -- 标识码 of the 三调 feature
  ADD COLUMN tbbh text,                                -- 图斑编号
  ADD COLUMN dlmc text,                                -- 地类名称
  ADD COLUMN qsdwdm text,                              -- 权属单位代码 (19 digits)
  ADD COLUMN zldwdm text,                              -- 坐落单位代码 (19 digits)
  ADD COLUMN tbmj double precision,                    -- 图斑面积 of the file, m² (ellipsoidal, the official area)
  ADD COLUMN gdlx text,                                -- 耕地类型
  ADD COLUMN zzsxmc text,                              -- 种植属性名称
  ADD COLUMN sjnf integer,                             -- 数据年份
  ADD COLUMN import_id bigint;                         -- the land import that brought it
CREATE INDEX farmland_parcel_bsm_idx ON farmland_parcel (adcode, bsm);

CREATE TABLE land_import (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  adcode          char(6) NOT NULL REFERENCES county (adcode),
  kind            text NOT NULL CHECK (kind IN ('dltb', 'yjjbnt')),   -- 地类图斑 or 永久基本农田图斑
  file_name       text NOT NULL,
  file_format     text NOT NULL,
  layer_name      text NOT NULL,
  detected_epsg   integer,                             -- what the file declared or its coordinates suggested
  crs_reason      text NOT NULL,
  crs_epsg        integer NOT NULL,                    -- the CRS used: the detected one or the officer's choice
  is_crs_override boolean NOT NULL DEFAULT false,
  encoding        text,                                -- .dbf encoding used (Shapefiles)
  encoding_reason text,
  field_map       jsonb NOT NULL,                      -- parcel attribute → column of the file
  farmland_codes  text[] NOT NULL,                     -- land codes taken as farmland parcels
  settings        jsonb NOT NULL,                      -- tolerances of the checks as used
  status          text NOT NULL DEFAULT 'staging'
                  CHECK (status IN ('staging', 'checked', 'applying', 'applied', 'cancelled', 'failed')),
  feature_count   integer NOT NULL DEFAULT 0,
  refused_count   integer NOT NULL DEFAULT 0,
  warning_count   integer NOT NULL DEFAULT 0,
  apply_mode      text CHECK (apply_mode IN ('valid', 'all')),
  progress_done   integer NOT NULL DEFAULT 0,
  progress_total  integer NOT NULL DEFAULT 0,
  is_cancel_requested boolean NOT NULL DEFAULT false,
  farmland_added  integer,
  context_added   integer,
  message         text,
  created_by      text NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  applied_by      text,
  finished_at     timestamptz
);
CREATE INDEX land_import_adcode_idx ON land_import (adcode, created_at DESC);

CREATE TABLE land_import_feature (
  import_id      bigint NOT NULL REFERENCES land_import (id) ON DELETE CASCADE,
  seq            integer NOT NULL,                     -- place in the file, from 1
  attrs          jsonb NOT NULL,                       -- every attribute as read
  bsm text, tbbh text, dlbm text, dlmc text, qsxz text, qsdwdm text, qsdwmc text, zldwdm text, zldwmc text,
  tbmj text, kcxs text, gdlx text, gdpdjb text, zzsxdm text, zzsxmc text, sjnf text, bz text,
  geom           geometry(Geometry, 4490),             -- transformed from crs_epsg by PostGIS; repaired when allowed
  township_code  char(9),
  target         text CHECK (target IN ('farmland', 'context')),
  farmland_no    integer,                              -- order among the farmland parcels applied (their codes)
  problems       jsonb NOT NULL DEFAULT '[]',          -- [{code, severity, …measures, location}]
  is_refused     boolean NOT NULL DEFAULT false,
  is_repaired    boolean NOT NULL DEFAULT false,
  PRIMARY KEY (import_id, seq)
);
CREATE INDEX land_import_feature_geom_idx ON land_import_feature USING gist (geom);
CREATE INDEX land_import_feature_bsm_idx ON land_import_feature (import_id, bsm);

