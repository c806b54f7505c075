-- $1 adcode, $2 code, $3 name, $4 geometry (GeoJSON), $5 announcement no, $6 date, $7 text, $8–$11 monitor soil,
-- surface water, groundwater, air. A new draft zone.
INSERT INTO control_zone (adcode, code, name, geom, announcement_no, announcement_date, announcement_text,
                          monitor_soil, monitor_surface_water, monitor_groundwater, monitor_air)
VALUES ($1, $2, $3, ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON($4), 4490)), $5, $6::date, $7, $8, $9, $10, $11)
RETURNING id
