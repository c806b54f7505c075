-- $1 kind, $2 file name, $3 outline file name, $4 mode, $5 rows, $6 imported, $7 failed, $8 row errors (JSON), $9 by.
INSERT INTO registry_import (kind, file_name, outline_file, mode, rows, imported, failed, errors, imported_by)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9)
RETURNING id
