-- $1 county. The context features earlier imports brought (the new layer's replace them); generated ones stay.
DELETE FROM land_context WHERE adcode = $1 AND import_id IS NOT NULL
