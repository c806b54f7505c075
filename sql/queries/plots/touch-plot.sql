-- $1 id, $2 editor. A change of a plot's pollutants or negative list: the next version of the plot.
UPDATE contaminated_plot SET version = version + 1, updated_by = $2, updated_at = now()
WHERE id = $1
RETURNING version
