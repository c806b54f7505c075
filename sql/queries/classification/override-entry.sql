-- $1 adcode, $2 list id, $3 parcel id, $4 class, $5 reason, $6 user name. A manual class; the computed class
-- and its basis stay beside it (a second override keeps the first computed class).
UPDATE class_list_entry SET class = $4, method = 'override', override_reason = $5, override_by = $6,
       computed_class = CASE WHEN method = 'override' THEN computed_class ELSE class END
WHERE adcode = $1 AND list_id = $2 AND parcel_id = $3
RETURNING parcel_id
