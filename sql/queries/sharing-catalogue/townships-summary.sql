-- The public collection `townships` in the sharing catalogue: how many township outlines are served and when the
-- townships of a county were last loaded from a file, read per county from the history's index on (adcode, entity, …).
SELECT (SELECT count(*) FROM township WHERE geom IS NOT NULL)::bigint AS features, max(h.changed_at) AS changed_at
FROM county c
CROSS JOIN LATERAL (
  SELECT max(changed_at) AS changed_at FROM change_history WHERE adcode = c.adcode AND entity = 'township'
) h
