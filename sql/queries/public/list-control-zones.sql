-- $1 county code or NULL for all. Published control zones with their announcements, newest announcement first.
SELECT z.id, z.adcode::text, c.name AS county, c.city, z.code, z.name, z.announcement_no,
       to_char(z.announcement_date, 'YYYY-MM-DD') AS announcement_date, z.announcement_text,
       z.monitor_soil, z.monitor_surface_water, z.monitor_groundwater, z.monitor_air,
       z.plot_codes, z.signs, z.area_m2, z.published_at, z.is_generated,
       ARRAY[ST_XMin(z.geom), ST_YMin(z.geom), ST_XMax(z.geom), ST_YMax(z.geom)] AS bbox
FROM published_control_zone z JOIN county c USING (adcode)
WHERE $1::text IS NULL OR z.adcode = $1::bpchar
ORDER BY z.announcement_date DESC NULLS LAST, z.code
