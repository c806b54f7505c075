-- $1 id. Its class list entries go with it (ON DELETE CASCADE); its snapshot is in change_history.
DELETE FROM farmland_parcel WHERE id = $1
