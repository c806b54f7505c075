-- $1 adcode, $2 id, $3 name, $4 geometry (GeoJSON), $5 announcement no, $6 date, $7 text, $8–$11 monitoring.
-- Every field is written (the service merged the change into the current values); the version goes up.
UPDATE control_zone SET name = $3, geom = ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON($4), 4490)), announcement_no = $5,
  announcement_date = $6::date, announcement_text = $7, monitor_soil = $8, monitor_surface_water = $9,
  monitor_groundwater = $10, monitor_air = $11, version = version + 1, updated_at = now()
WHERE adcode = $1 AND id = $2
RETURNING version
