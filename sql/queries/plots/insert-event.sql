-- $1 adcode, $2 plot id, $3 action, $4 from state, $5 to state, $6 risk level, $7 document (JSON),
-- $8 review document (JSON), $9 reason, $10 actor. One step of the plot's chronology.
INSERT INTO plot_event (adcode, plot_id, action, from_status, to_status, risk_level, document, review_document, reason, actor)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
RETURNING id, at
