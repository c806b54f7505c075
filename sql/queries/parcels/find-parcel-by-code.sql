-- $1 county code, $2 parcel code.
SELECT id FROM farmland_parcel WHERE adcode = $1 AND code = $2
