-- Fresh statistics of the staging table once a file is staged, so that the checks' plans see its rows.
ANALYZE land_import_feature
