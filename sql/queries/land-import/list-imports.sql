-- $1 counties in scope, $2 limit. The latest imports of those counties.
SELECT i.id, i.adcode, c.name AS county_name, i.kind, i.file_name, i.status, i.feature_count, i.refused_count,
       i.farmland_added, i.context_added, i.created_by, i.created_at, i.finished_at
FROM land_import i JOIN county c USING (adcode)
WHERE i.adcode = ANY($1)
ORDER BY i.created_at DESC, i.id DESC
LIMIT $2
