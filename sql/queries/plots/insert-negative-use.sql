-- $1 adcode, $2 plot id, $3 GB 50137 code, $4 basis, $5 reason, $6 editor.
INSERT INTO plot_negative_use (adcode, plot_id, use_code, basis, reason, created_by)
VALUES ($1, $2, $3, $4, $5, $6)
