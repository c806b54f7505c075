-- The public collection `plots` in the sharing catalogue: how many plots the published registry holds and when the
-- last of them was published.
SELECT count(*)::bigint AS features, max(published_at) AS changed_at
FROM published_plot
