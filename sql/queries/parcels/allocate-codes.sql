-- $1 county code, $2 how many. New parcel codes of the county.
SELECT allocate_parcel_codes($1, $2) AS codes
