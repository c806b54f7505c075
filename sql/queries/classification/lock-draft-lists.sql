-- $1 adcode. A transaction-scoped lock per county taken before the next draft list is looked for or made, so
-- two edits recomputing classes at once write into one draft list, not two.
SELECT pg_advisory_xact_lock(hashtext('class-list-draft:' || $1))
