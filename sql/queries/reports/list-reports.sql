-- $1 county codes of the user's scope, $2 statuses, $3 limit, $4 one report id or NULL.
-- The report queue, newest first, with the township the report lies in, who handled and who holds it, the plot it
-- became and the inspections opened from it.
SELECT r.id, r.adcode::text, c.name AS county, c.city, tw.name AS township, r.description, r.contact,
       ST_X(r.geom) AS lon, ST_Y(r.geom) AS lat, r.photo IS NOT NULL AS has_photo, r.photo_type,
       octet_length(r.photo) AS photo_bytes, r.status, r.handled_note, r.handled_by,
       u.display_name AS handled_by_name, r.handled_at, r.created_at, r.version, r.department, r.assignee,
       a.display_name AS assignee_name, r.public_reply, r.replied_at, r.status_changed_at, r.updated_at,
       r.updated_by, r.plot_id, p.code AS plot_code,
       coalesce((
         SELECT json_agg(json_build_object('id', i.id, 'enterpriseId', i.enterprise_id, 'enterpriseName', e.name,
                                           'createdAt', i.created_at) ORDER BY i.id)
         FROM enterprise_inspection i JOIN supervised_enterprise e ON e.adcode = i.adcode AND e.id = i.enterprise_id
         WHERE i.adcode = r.adcode AND i.report_id = r.id
       ), '[]') AS inspections
FROM public_report r
JOIN county c USING (adcode)
-- the township holding the point (sample townships have generated outlines)
LEFT JOIN LATERAL (
  SELECT t.name FROM township t WHERE t.adcode = r.adcode AND ST_Intersects(t.geom, r.geom) ORDER BY t.code LIMIT 1
) tw ON true
LEFT JOIN app_user u ON u.username = r.handled_by
LEFT JOIN app_user a ON a.username = r.assignee
LEFT JOIN contaminated_plot p ON p.adcode = r.adcode AND p.id = r.plot_id
WHERE r.adcode = ANY($1::bpchar[]) AND r.status = ANY($2::text[]) AND ($4::bigint IS NULL OR r.id = $4)
ORDER BY r.created_at DESC, r.id DESC
LIMIT $3
