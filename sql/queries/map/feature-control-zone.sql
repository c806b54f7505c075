SELECT z.id, z.adcode::text, z.code, z.name, z.review_status, z.review_reason, z.version, z.published_version, z.announcement_no, z.announcement_date::text, z.announcement_text,
       z.monitor_soil, z.monitor_surface_water, z.monitor_groundwater, z.monitor_air, z.area_m2, z.is_generated,
       c.name AS county, c.city,
       (SELECT string_agg(p.name, '、') FROM control_zone_plot zp JOIN contaminated_plot p ON p.adcode = zp.adcode AND p.id = zp.plot_id
          WHERE zp.adcode = z.adcode AND zp.zone_id = z.id) AS plots,
       (SELECT count(*) FROM control_zone_sign s WHERE s.adcode = z.adcode AND s.zone_id = z.id) AS signs,
       ARRAY[ST_XMin(z.geom), ST_YMin(z.geom), ST_XMax(z.geom), ST_YMax(z.geom)] AS bbox
FROM control_zone z JOIN county c USING (adcode)
WHERE z.id = $1
