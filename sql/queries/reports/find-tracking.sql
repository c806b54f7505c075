-- $1 SHA-256 of a tracking code. Only what the reporter may see: state, dates and the public reply.
SELECT status, created_at, status_changed_at, handled_at, public_reply, replied_at
FROM public_report WHERE tracking_hash = $1
