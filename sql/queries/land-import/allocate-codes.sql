-- $1 county, $2 how many. The number of the first of $2 new consecutive parcel codes of the county.
SELECT substring((allocate_parcel_codes($1, $2))[1] FROM '-([0-9]+)$')::integer AS first_no
