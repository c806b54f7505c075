-- Empties the scratch table for the next batch.
TRUNCATE land_import_copy
