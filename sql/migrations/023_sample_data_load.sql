-- The sample data's load on a first start: what was planned and whether it finished. Each county loads in its own
-- transaction; a start that finds a load begun and not finished (the process was killed part-way) loads the
-- counties of the plan still missing, so an interrupted first start never leaves the sample incomplete.
-- A database set up from a county's own files has no row here and is never seeded over.

CREATE TABLE sample_data_load (
  id                 boolean PRIMARY KEY DEFAULT true CHECK (id),   -- one load per database
  parcels_per_county integer NOT NULL CHECK (parcels_per_county >= 0),
  adcodes            char(6)[] NOT NULL,                          -- every county of the plan
  started_at         timestamptz NOT NULL DEFAULT now(),
  completed_at       timestamptz
);

-- A database that has counties already was seeded (or set up) before this table: its load counts as finished.
INSERT INTO sample_data_load (parcels_per_county, adcodes, started_at, completed_at)
SELECT 1, array_agg(adcode ORDER BY adcode), now(), now() FROM county HAVING count(*) > 0;
