-- $1 import. Lines of the plan by kind, the last line number and the added count (the apply's ranges).
SELECT coalesce(max(no), 0)::integer AS last_no,
       count(*) FILTER (WHERE kind = 'added')::integer AS added,
       count(*) FILTER (WHERE kind = 'changed' AND (NOT is_conflict OR decision = 'theirs'))::integer AS changed,
       count(*) FILTER (WHERE kind = 'retired' AND (NOT is_conflict OR decision = 'theirs'))::integer AS retired,
       count(*) FILTER (WHERE kind = 'unchanged')::integer AS unchanged,
       count(*) FILTER (WHERE is_conflict AND decision = 'ours')::integer AS kept
FROM land_update_match WHERE import_id = $1
