-- The public collection `control-zones` in the sharing catalogue: how many control zones are published and when the
-- last of them was published.
SELECT count(*)::bigint AS features, max(published_at) AS changed_at
FROM published_control_zone
