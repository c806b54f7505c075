-- The internal collection `enterprises` in the sharing catalogue: the 重点监管单位 of the counties $1 and the last time
-- one of them changed.
SELECT count(*)::bigint AS features, max(updated_at) AS changed_at
FROM supervised_enterprise
WHERE adcode = ANY ($1::bpchar[])
