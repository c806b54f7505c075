-- $1 county. Farmland parcels the county already has.
SELECT count(*)::integer AS parcels FROM farmland_parcel WHERE adcode = $1
