-- $1 plot id. A plot with its county, geometry (GeoJSON, EPSG:4490) and the name of its last editor.
SELECT p.id, p.code, p.name, p.adcode::text, c.name AS county, p.status, p.risk_level, p.former_industry, p.former_industry_note,
       p.land_user, p.address, p.contact, p.planned_land_class, p.area_m2, p.version, p.review_status,
       p.updated_at, p.updated_by, u.display_name AS updated_by_name, p.is_generated,
       ST_AsGeoJSON(p.geom, 7)::json AS geometry
FROM contaminated_plot p JOIN county c USING (adcode) LEFT JOIN app_user u ON u.username = p.updated_by
WHERE p.id = $1
