-- $1 zone id. The zone's review state, locked for the transition, with what a submission needs.
SELECT z.adcode::text, z.id, z.code, z.name, z.review_status, z.version, z.published_version, c.name AS county,
       z.announcement_no, to_char(z.announcement_date, 'YYYY-MM-DD') AS announcement_date, z.announcement_text,
       (SELECT count(*) FROM ban_zone_parcel p WHERE p.adcode = z.adcode AND p.zone_id = z.id)::int AS plot_count
FROM ban_zone z JOIN county c USING (adcode)
WHERE z.id = $1
FOR UPDATE OF z
