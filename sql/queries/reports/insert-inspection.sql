-- $1 adcode, $2 enterprise id, $3 report id, $4 reason, $5 distance in metres, $6 user name. A planned inspection.
INSERT INTO enterprise_inspection (adcode, enterprise_id, report_id, reason, distance_m, created_by)
VALUES ($1, $2, $3, $4, $5, $6)
RETURNING id
