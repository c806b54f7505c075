-- $1 adcode, $2 plot id, $3 GB 50137 code.
DELETE FROM plot_negative_use
WHERE adcode = $1 AND plot_id = $2 AND use_code = $3
RETURNING use_code, basis, reason
