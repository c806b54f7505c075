-- $1 adcode, $2 report id, $3 user name, $4 status, $5 department, $6 assignee, $7 public reply (NULL: unchanged),
-- $8 plot id (NULL: unchanged). Every change moves the version; a change of state records when, 已办结 by whom.
UPDATE public_report SET
  status = $4,
  status_changed_at = CASE WHEN status = $4 THEN status_changed_at ELSE now() END,
  handled_by = CASE WHEN $4 = 'handled' THEN CASE WHEN status = 'handled' THEN handled_by ELSE $3 END ELSE NULL END,
  handled_at = CASE WHEN $4 = 'handled' THEN CASE WHEN status = 'handled' THEN handled_at ELSE now() END ELSE NULL END,
  department = $5,
  assignee = $6,
  public_reply = coalesce($7, public_reply),
  replied_at = CASE WHEN $7::text IS NULL THEN replied_at ELSE now() END,
  replied_by = CASE WHEN $7::text IS NULL THEN replied_by ELSE $3 END,
  plot_id = coalesce($8, plot_id),
  version = version + 1, updated_at = now(), updated_by = $3
WHERE adcode = $1 AND id = $2
