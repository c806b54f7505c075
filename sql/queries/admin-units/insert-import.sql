-- The log row of an applied file. $1 county code; $2 file name; $3 actor; $4 new county; $5–$7 townships added,
-- replaced, removed; $8 records outside the new outline (JSON). Returns its id.
INSERT INTO admin_unit_import (adcode, file_name, actor, is_new_county, townships_added, townships_replaced,
                               townships_removed, records_outside)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb)
RETURNING id
