-- $1 adcode, $2 report id, $3 action, $4 user name, $5 text, $6 detail (JSON). One entry of a report's history.
INSERT INTO public_report_event (adcode, report_id, action, actor, body, detail)
VALUES ($1, $2, $3, $4, $5, $6::jsonb)
