-- $1 import. Asks a running apply to stop.
UPDATE land_import SET is_cancel_requested = true WHERE id = $1 AND status = 'applying' RETURNING id
