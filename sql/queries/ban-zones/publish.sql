-- $1 adcode, $2 zone ids (one). Writes the published version: public fields and the parcel ids (internal, read by
-- the safe-use ledger); the basis sentence is written next by the service (set-basis-summary.sql).
WITH bumped AS (
  UPDATE ban_zone SET published_version = published_version + 1
  WHERE adcode = $1 AND id = ANY($2::bigint[])
  RETURNING adcode, id, published_version, code, name, products, basis, announcement_no, announcement_date,
            announcement_text, geom, is_generated
)
INSERT INTO published_ban_zone AS pz (adcode, id, version, code, name, products, basis_summary, announcement_no,
  announcement_date, announcement_text, parcel_ids, parcel_count, geom, published_at, is_generated)
SELECT b.adcode, b.id, b.published_version, b.code, b.name, b.products, '', b.announcement_no, b.announcement_date,
       b.announcement_text,
       ARRAY(SELECT zp.parcel_id FROM ban_zone_parcel zp WHERE zp.adcode = b.adcode AND zp.zone_id = b.id ORDER BY 1),
       (SELECT count(*) FROM ban_zone_parcel zp WHERE zp.adcode = b.adcode AND zp.zone_id = b.id)::int,
       b.geom, now(), b.is_generated
FROM bumped b
ON CONFLICT (adcode, id) DO UPDATE SET
  version = EXCLUDED.version, code = EXCLUDED.code, name = EXCLUDED.name, products = EXCLUDED.products,
  announcement_no = EXCLUDED.announcement_no, announcement_date = EXCLUDED.announcement_date,
  announcement_text = EXCLUDED.announcement_text, parcel_ids = EXCLUDED.parcel_ids,
  parcel_count = EXCLUDED.parcel_count, geom = EXCLUDED.geom, published_at = EXCLUDED.published_at,
  is_generated = EXCLUDED.is_generated
RETURNING pz.id, pz.version
