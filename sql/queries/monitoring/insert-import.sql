-- $1 file name, $2 mode, $3 rows, $4 imported, $5 failed, $6 errors JSON, $7 imported by: the import record; id.
INSERT INTO monitoring_import (file_name, mode, rows_total, rows_imported, rows_failed, errors, imported_by)
VALUES ($1, $2, $3, $4, $5, $6, $7)
RETURNING id
