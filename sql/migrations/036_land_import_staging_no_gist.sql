-- The staging table of the 三调 import loses its spatial index: keeping it up to date feature by feature made up
-- about a third of staging a large file, and only the overlap check used it. That check now copies the import's
-- sound polygons into a scratch table and builds the index there in one go (check-overlaps.sql).
DROP INDEX land_import_feature_geom_idx;
