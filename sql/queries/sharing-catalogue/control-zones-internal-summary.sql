-- The internal collection `control-zones-internal` in the sharing catalogue: the control zones of the counties $1,
-- published or not, and the last time one of them changed.
SELECT count(*)::bigint AS features, max(updated_at) AS changed_at
FROM control_zone
WHERE adcode = ANY ($1::bpchar[])
