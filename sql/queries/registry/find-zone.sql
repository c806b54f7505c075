-- $1 zone id. One control zone with its geometry (GeoJSON), announcement, monitoring and review state.
SELECT z.id, z.adcode::text, c.name AS county_name, c.city || ' ' || c.name AS county, z.code, z.name,
       z.review_status, z.review_reason, z.version, z.published_version, z.updated_at, z.is_generated,
       z.announcement_no, to_char(z.announcement_date, 'YYYY-MM-DD') AS announcement_date, z.announcement_text,
       z.monitor_soil, z.monitor_surface_water, z.monitor_groundwater, z.monitor_air, z.area_m2,
       ST_AsGeoJSON(z.geom, 8)::jsonb AS geometry
FROM control_zone z JOIN county c USING (adcode)
WHERE z.id = $1
