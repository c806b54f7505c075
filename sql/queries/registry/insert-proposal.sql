-- $1 adcode, $2 enterprise id, $3 actor. A pending proposal with a copy of the enterprise's site and status.
INSERT INTO plot_proposal (adcode, enterprise_id, enterprise_status, geom, created_by)
SELECT adcode, id, status, geom, $3 FROM supervised_enterprise WHERE adcode = $1 AND id = $2
RETURNING id
