-- $1 adcode, $2 id, $3 'confirmed' | 'dismissed', $4 actor, $5 reason, $6 plot id (confirmed only).
UPDATE plot_proposal SET status = $3, decided_by = $4, decided_at = now(), reason = $5, plot_id = $6
WHERE adcode = $1 AND id = $2 AND status = 'pending'
RETURNING id
