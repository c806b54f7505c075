-- $1 county codes. The control zones of these counties with their review state and what they hold.
SELECT z.id, z.adcode::text, c.city || ' ' || c.name AS county, z.code, z.name, z.review_status, z.version, z.updated_at,
       z.announcement_no, z.area_m2, z.is_generated,
       (SELECT count(*) FROM control_zone_plot p WHERE p.adcode = z.adcode AND p.zone_id = z.id)::int AS plot_count,
       (SELECT count(*) FROM control_zone_sign s WHERE s.adcode = z.adcode AND s.zone_id = z.id)::int AS sign_count
FROM control_zone z JOIN county c USING (adcode)
WHERE z.adcode = ANY($1::char(6)[])
ORDER BY z.adcode, z.code
