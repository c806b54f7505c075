-- $1 adcode, $2 plot id, $3 pollutant id. Removes one measured value; returns it for the history.
DELETE FROM plot_pollutant
WHERE adcode = $1 AND plot_id = $2 AND id = $3
RETURNING id, substance, value_mg_kg, to_char(sampled_on, 'YYYY-MM-DD') AS sampled_on, depth_m, note
