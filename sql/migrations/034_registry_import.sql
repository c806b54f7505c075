-- 重点监管单位 of an industry outside the list (其他, with the officer's words) and the record of each bulk registry
-- import: what was read, how many rows were written, and the rows at fault.
ALTER TABLE supervised_enterprise DROP CONSTRAINT supervised_enterprise_industry_check;
ALTER TABLE supervised_enterprise ADD CONSTRAINT supervised_enterprise_industry_check CHECK (industry IN (
  'nonferrous_smelting', 'petroleum', 'chemical', 'coking', 'electroplating', 'tanning', 'hazardous_waste', 'other'));
ALTER TABLE supervised_enterprise ADD COLUMN industry_other text
  CHECK (industry_other IS NULL OR (industry = 'other' AND length(industry_other) <= 100));

CREATE TABLE registry_import (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind         text NOT NULL CHECK (kind IN ('enterprises', 'plots', 'points', 'plot-results')),
  file_name    text NOT NULL,
  outline_file text,
  mode         text NOT NULL CHECK (mode IN ('all', 'valid-only')),
  rows         integer NOT NULL,
  imported     integer NOT NULL,
  failed       integer NOT NULL,
  errors       jsonb NOT NULL,
  imported_by  text NOT NULL,
  imported_at  timestamptz NOT NULL DEFAULT now()
);
