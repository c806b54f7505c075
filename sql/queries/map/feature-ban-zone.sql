-- $1 zone id. A 禁止生产区域 for the info panel: products, parcels, area, basis, announcement and review state.
SELECT z.id, z.adcode::text, c.name AS county, c.city, z.code, z.name, z.products, z.basis, z.announcement_no,
       to_char(z.announcement_date, 'YYYY-MM-DD') AS announcement_date, z.announcement_text, z.review_status,
       z.review_reason, z.version, z.published_version, z.area_m2, z.is_generated,
       ARRAY[ST_XMin(z.geom), ST_YMin(z.geom), ST_XMax(z.geom), ST_YMax(z.geom)] AS bbox
FROM ban_zone z JOIN county c USING (adcode)
WHERE z.id = $1
