-- $1 list code, $2 jurisdiction. Serialises publications of one list until the end of the transaction.
SELECT pg_advisory_xact_lock(hashtext('registry_list_version'), hashtext($1 || ':' || $2))
