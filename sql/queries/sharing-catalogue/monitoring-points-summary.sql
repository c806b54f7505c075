-- The internal collection `monitoring-points` in the sharing catalogue: the points of the counties $1 and the last
-- change of what a point feature shows: a point added, a point changed (its history) or a result entered.
SELECT count(*)::bigint AS features,
       greatest(max(m.created_at),
                (SELECT max(changed_at) FROM change_history
                 WHERE adcode = ANY ($1::bpchar[]) AND entity = 'monitoring_point'),
                (SELECT max(entered_at) FROM monitoring_result WHERE adcode = ANY ($1::bpchar[]))) AS changed_at
FROM monitoring_point m
WHERE m.adcode = ANY ($1::bpchar[])
