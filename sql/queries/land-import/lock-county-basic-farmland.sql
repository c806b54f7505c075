-- $1 county. Holds the county's 永久基本农田 for this transaction, so two imports of it replace one after the other.
SELECT pg_advisory_xact_lock(hashtext('basic_farmland:' || $1::text))
