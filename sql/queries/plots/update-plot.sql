-- $1 id, $2 name, $3 former industry, $4 land user, $5 address, $6 contact, $7 planned land class,
-- $8 GeoJSON polygon (checked) or null to keep it, $9 editor, $10 the other industry's note (原行业 其他). Facts of a plot; the next version.
UPDATE contaminated_plot
SET name = $2, former_industry = $3, land_user = $4, address = $5, contact = $6, planned_land_class = $7,
    former_industry_note = $10,
    geom = coalesce(ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON($8), 4490)), geom),
    version = version + 1, updated_by = $9, updated_at = now()
WHERE id = $1
RETURNING version
