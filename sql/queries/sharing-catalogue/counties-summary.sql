-- The public collection `counties` in the sharing catalogue: how many county outlines are served, and the last change
-- of what a county feature shows (its outline and townships loaded from a file, or a monitoring point added, changed
-- or retired, which moves its coverage counts), read per county from the history's index on (adcode, entity, …).
SELECT count(*)::bigint AS features, max(greatest(h.changed_at, m.created_at)) AS changed_at
FROM county c
CROSS JOIN LATERAL (
  SELECT max(changed_at) AS changed_at FROM change_history
  WHERE adcode = c.adcode AND entity IN ('county', 'township', 'monitoring_point')
) h
CROSS JOIN LATERAL (SELECT max(created_at) AS created_at FROM monitoring_point WHERE adcode = c.adcode) m
