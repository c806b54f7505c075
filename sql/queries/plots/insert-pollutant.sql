-- $1 adcode, $2 plot id, $3 substance key, $4 value mg/kg, $5 sampling date, $6 depth m, $7 note, $8 editor.
INSERT INTO plot_pollutant (adcode, plot_id, substance, value_mg_kg, sampled_on, depth_m, note, created_by)
VALUES ($1, $2, $3, $4, $5::date, $6, $7, $8)
RETURNING id
