-- $1 county. Holds the county's annual updates for this transaction, so two applies of it run one after the other.
SELECT pg_advisory_xact_lock(hashtext('land_update:' || $1::text))
