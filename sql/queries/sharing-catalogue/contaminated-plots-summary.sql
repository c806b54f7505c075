-- The internal collection `contaminated-plots` in the sharing catalogue: the registry's plots of the counties $1,
-- published or not, and the last time one of them changed.
SELECT count(*)::bigint AS features, max(updated_at) AS changed_at
FROM contaminated_plot
WHERE adcode = ANY ($1::bpchar[])
