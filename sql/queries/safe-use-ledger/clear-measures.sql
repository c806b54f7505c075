-- $1 county code, $2 row id. Takes every measure off the row (before it gets its new list).
DELETE FROM safe_use_measure WHERE adcode = $1 AND account_id = $2
