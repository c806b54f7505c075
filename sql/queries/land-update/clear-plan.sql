-- $1 import. The plan's lines, before it is built again.
DELETE FROM land_update_match WHERE import_id = $1
