-- $1 parcel ids. Locks the parcels for an edit (in id order, so two edits never wait on each other in a circle).
SELECT id, adcode::text, version FROM farmland_parcel WHERE id = ANY($1::bigint[]) ORDER BY id FOR UPDATE
