-- $1 zone id. One zone with its county, outline, parcels and review state; `lock` variant: see lock.sql.
SELECT z.id, z.adcode::text, c.name AS county, z.code, z.name, z.products, z.basis, z.announcement_no,
       to_char(z.announcement_date, 'YYYY-MM-DD') AS announcement_date, z.announcement_text, z.review_status,
       z.review_reason, z.version, z.published_version, z.area_m2, z.is_generated, z.created_by, z.updated_at,
       ST_AsGeoJSON(z.geom, 9)::json AS geometry,
       ARRAY(SELECT zp.parcel_id FROM ban_zone_parcel zp WHERE zp.adcode = z.adcode AND zp.zone_id = z.id
             ORDER BY zp.parcel_id) AS parcel_ids
FROM ban_zone z JOIN county c USING (adcode)
WHERE z.id = $1
