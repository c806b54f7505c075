-- $1 adcode, $2 list id, $3 parcels to classify, $4 user name. A queued job writing into the list.
INSERT INTO classification_job (adcode, list_id, total, started_by)
VALUES ($1, $2, $3, $4)
RETURNING id
