-- $1 county code, $2–$5 west, south, east, north (EPSG:4490) of everything an edit touched.
SELECT refresh_farmland_overview_area($1, ST_Transform(ST_MakeEnvelope($2, $3, $4, $5, 4490), 3857))
