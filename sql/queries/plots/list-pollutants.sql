-- $1 adcode, $2 plot id. Measured pollutants of a plot, in the order they were entered.
SELECT id, substance, value_mg_kg, to_char(sampled_on, 'YYYY-MM-DD') AS sampled_on, depth_m, note, created_by, created_at
FROM plot_pollutant
WHERE adcode = $1 AND plot_id = $2
ORDER BY id
