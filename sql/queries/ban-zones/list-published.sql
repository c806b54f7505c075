-- $1 county code or NULL for all. Published zones with their announcements, newest announcement first; public
-- fields only.
SELECT z.id, z.adcode::text, c.name AS county, c.city, z.code, z.name, z.products, z.basis_summary,
       z.announcement_no, to_char(z.announcement_date, 'YYYY-MM-DD') AS announcement_date, z.announcement_text,
       z.parcel_count, z.area_m2, z.published_at, z.is_generated,
       ARRAY[ST_XMin(z.geom), ST_YMin(z.geom), ST_XMax(z.geom), ST_YMax(z.geom)] AS bbox
FROM published_ban_zone z JOIN county c USING (adcode)
WHERE $1::text IS NULL OR z.adcode = $1::bpchar
ORDER BY z.announcement_date DESC NULLS LAST, z.code
