-- $1 parcel ids. The parcels as the editor reads them.
SELECT * FROM farmland_parcel_feature WHERE id = ANY($1::bigint[]) ORDER BY id
