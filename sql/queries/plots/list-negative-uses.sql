-- $1 adcode, $2 plot id. The uses stored for a plot's negative list (added by officers, or by the sample data).
SELECT use_code, basis, reason, created_by, created_at
FROM plot_negative_use
WHERE adcode = $1 AND plot_id = $2
ORDER BY use_code
