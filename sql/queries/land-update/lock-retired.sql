-- $1 county, $2 parcel id. Holds a retired parcel until the restore's end; nothing when another restore took it.
SELECT id FROM retired_parcel WHERE adcode = $1 AND id = $2 FOR UPDATE
