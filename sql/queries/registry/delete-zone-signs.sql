-- $1 adcode, $2 zone id.
DELETE FROM control_zone_sign WHERE adcode = $1 AND zone_id = $2
