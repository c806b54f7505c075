-- The internal collection `farmland-parcels` in the sharing catalogue: the parcels of the counties $1 and the last
-- time one of them changed (each edit, import, update survey and classification stamps updated_at).
SELECT count(*)::bigint AS features, max(updated_at) AS changed_at
FROM farmland_parcel
WHERE adcode = ANY ($1::bpchar[])
