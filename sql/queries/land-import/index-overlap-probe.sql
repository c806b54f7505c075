-- The spatial index of the overlap check's scratch table, built once it is filled.
CREATE INDEX ON land_import_probe USING gist (geom)
