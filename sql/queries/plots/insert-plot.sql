-- $1 adcode, $2 name, $3 former industry, $4 land user, $5 address, $6 contact, $7 planned land class,
-- $8 GeoJSON polygon (checked), $9 editor, $10 the other industry's note (原行业 其他). A new suspected plot, its code allocated per county; a draft for review.
INSERT INTO contaminated_plot (adcode, code, name, status, former_industry, land_user, address, contact,
                               planned_land_class, geom, updated_by, review_status, former_industry_note)
VALUES ($1, allocate_plot_code($1), $2, 'suspected', $3, $4, $5, $6, $7,
        ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON($8), 4490)), $9, 'draft', $10)
RETURNING id
