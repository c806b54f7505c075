-- A transaction's scratch table of the sound polygons of one import, for the overlap check: filled by
-- fill-overlap-probe.sql and then given its spatial index in one build, which is several times faster than keeping a
-- GiST index on the staging table up to date feature by feature while staging.
CREATE TEMP TABLE land_import_probe (
  seq integer NOT NULL,
  bsm text,
  geom geometry NOT NULL
) ON COMMIT DROP
