-- $1 county codes of the user's scope, $2 statuses, $3 limit, $4 one report id or NULL.
-- The moderation queue, newest first, with the township the report lies in and who handled it.
SELECT r.id, r.adcode::text, c.name AS county, c.city, tw.name AS township, r.description, r.contact,
       ST_X(r.geom) AS lon, ST_Y(r.geom) AS lat, r.photo IS NOT NULL AS has_photo, r.photo_type,
       octet_length(r.photo) AS photo_bytes, r.status, r.handled_note, r.handled_by,
       u.display_name AS handled_by_name, r.handled_at, r.created_at
FROM public_report r
JOIN county c USING (adcode)
-- the township holding the point (sample townships have generated outlines)
LEFT JOIN LATERAL (
  SELECT t.name FROM township t WHERE t.adcode = r.adcode AND ST_Intersects(t.geom, r.geom) ORDER BY t.code LIMIT 1
) tw ON true
LEFT JOIN app_user u ON u.username = r.handled_by
WHERE r.adcode = ANY($1::bpchar[]) AND r.status = ANY($2::text[]) AND ($4::bigint IS NULL OR r.id = $4)
ORDER BY r.created_at DESC, r.id DESC
LIMIT $3
