-- $1 adcode, $2 zone id, $3 parcel ids. The parcels the zone is built from: those no longer chosen go, new ones
-- are added (one statement: the insert does not see the delete, so kept ones are left alone).
WITH gone AS (
  DELETE FROM ban_zone_parcel WHERE adcode = $1 AND zone_id = $2 AND NOT (parcel_id = ANY ($3::bigint[]))
)
INSERT INTO ban_zone_parcel (adcode, zone_id, parcel_id)
SELECT $1, $2, unnest($3::bigint[])
ON CONFLICT DO NOTHING
