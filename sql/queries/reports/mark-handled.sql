-- $1 adcode, $2 report id, $3 note, $4 user name. 办结 with an internal note.
UPDATE public_report SET status = 'handled', handled_note = $3, handled_by = $4, handled_at = now(),
       status_changed_at = now(), version = version + 1, updated_at = now(), updated_by = $4
WHERE adcode = $1 AND id = $2 AND status <> 'handled'
RETURNING handled_at
