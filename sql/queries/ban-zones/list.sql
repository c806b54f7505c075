-- $1 county codes. The zones of the counties, newest first.
SELECT z.id, z.adcode::text, c.name AS county, z.code, z.name, z.products, z.review_status, z.announcement_no,
       z.area_m2, z.version, z.updated_at, z.is_generated,
       (SELECT count(*) FROM ban_zone_parcel zp WHERE zp.adcode = z.adcode AND zp.zone_id = z.id)::int AS parcel_count
FROM ban_zone z JOIN county c USING (adcode)
WHERE z.adcode = ANY($1::bpchar[])
ORDER BY z.updated_at DESC, z.code
