-- $1 adcode, $2 code (the county's own, checked free), $3 name, $4 status, $5 former industry, $6 land user,
-- $7 address, $8 contact, $9 planned land class, $10 GeoJSON outline (checked), $11 editor. A draft for review.
INSERT INTO contaminated_plot (adcode, code, name, status, former_industry, land_user, address, contact,
                               planned_land_class, geom, updated_by, review_status)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON($10), 4490)), $11, 'draft')
RETURNING id
