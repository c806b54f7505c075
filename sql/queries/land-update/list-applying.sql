-- $1 county. The imports of the county whose annual update is marked as being applied.
SELECT import_id::int AS import_id FROM land_update WHERE adcode = $1 AND status = 'applying'
