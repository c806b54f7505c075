-- $1 adcode, $2 code, $3 name, $4 announcement no, $5 date, $6 text, $7 soil, $8 surface water, $9 groundwater,
-- $10 air, $11 WKT outline. Sample zones are published: they stand for zones already announced.
INSERT INTO control_zone (adcode, code, name, review_status, announcement_no, announcement_date, announcement_text,
                          monitor_soil, monitor_surface_water, monitor_groundwater, monitor_air, geom, is_generated)
VALUES ($1, $2, $3, 'published', $4, $5, $6, $7, $8, $9, $10, ST_GeomFromText($11, 4490), true)
RETURNING id
