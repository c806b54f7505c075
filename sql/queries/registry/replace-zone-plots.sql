-- $1 adcode, $2 zone id, $3 plot ids. The zone protects exactly these plots.
WITH gone AS (DELETE FROM control_zone_plot WHERE adcode = $1 AND zone_id = $2 AND NOT (plot_id = ANY($3::bigint[])))
INSERT INTO control_zone_plot (adcode, zone_id, plot_id)
SELECT $1, $2, unnest($3::bigint[])
ON CONFLICT DO NOTHING
