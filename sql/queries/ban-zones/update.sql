-- $1 adcode, $2 id, $3 name, $4 products, $5 basis, $6 announcement number, $7 date, $8 text, $9 outline (GeoJSON).
-- A draft or returned zone's new content; its version moves on.
UPDATE ban_zone SET name = $3, products = $4::text[], basis = $5::jsonb, announcement_no = $6,
       announcement_date = $7::date, announcement_text = $8, geom = ST_SetSRID(ST_GeomFromGeoJSON($9::text), 4490),
       version = version + 1, updated_at = now()
WHERE adcode = $1 AND id = $2
RETURNING version
