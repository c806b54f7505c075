-- For each county of $1 (the caller's counties): its name, latest published class list (id, title, time, parcel
-- count) and the counts of published plots and of monitoring results the package would hold.
SELECT c.adcode::text AS adcode, c.name,
       l.id AS list_id, l.title AS list_title, l.published_at AS list_published_at, l.parcel_count AS list_parcels,
       (SELECT count(*)::int FROM published_plot p WHERE p.adcode = c.adcode) AS plots,
       (SELECT count(*)::int FROM monitoring_result r
          JOIN monitoring_point m ON m.adcode = r.adcode AND m.id = r.point_id
          WHERE r.adcode = c.adcode AND m.status <> 'planned') AS results
FROM county c
LEFT JOIN LATERAL (
  SELECT id, title, published_at, parcel_count FROM class_list
  WHERE adcode = c.adcode AND review_status = 'published' AND is_complete
  ORDER BY published_at DESC NULLS LAST, id DESC
  LIMIT 1
) l ON true
WHERE c.adcode = ANY ($1::bpchar[])
ORDER BY c.adcode
