-- $1 county, $2 parcel id, $3 officer. Puts a retired parcel back with its class-list entries (a new version); the
-- entries restored.
SELECT restore_retired_parcel($1::char(6), $2::bigint, $3::text) AS entries
