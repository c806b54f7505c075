-- The staging table of the 三调 import, for large files: the geodetic area of each sound feature stored once by the
-- place check (the report reads it instead of computing it again), and room kept in every page so that the checks'
-- updates, which change no indexed column, stay on the page (heap-only tuples) instead of adding an entry to each
-- index for every feature.
ALTER TABLE land_import_feature ADD COLUMN area_m2 double precision;
ALTER TABLE land_import_feature SET (fillfactor = 50);
