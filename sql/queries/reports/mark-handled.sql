-- $1 adcode, $2 report id, $3 note, $4 user name.
UPDATE public_report SET status = 'handled', handled_note = $3, handled_by = $4, handled_at = now()
WHERE adcode = $1 AND id = $2 AND status = 'new'
RETURNING handled_at
