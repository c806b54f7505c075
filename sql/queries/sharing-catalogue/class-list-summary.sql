-- The internal collection `class-list` in the sharing catalogue: the entries of the latest published class list of
-- each of the counties $1 (as class-list-items.sql picks it) and when the latest of those lists was published.
WITH latest AS (
  -- the latest published list of each county
  SELECT DISTINCT ON (l.adcode) l.adcode, l.id, l.published_at
  FROM class_list l
  WHERE l.adcode = ANY ($1::bpchar[]) AND l.review_status = 'published' AND l.published_at IS NOT NULL
  ORDER BY l.adcode, l.published_at DESC, l.id DESC
)
SELECT (SELECT count(*) FROM latest l
        JOIN class_list_entry e ON e.adcode = l.adcode AND e.list_id = l.id
        JOIN farmland_parcel p ON p.adcode = e.adcode AND p.id = e.parcel_id)::bigint AS features,
       (SELECT max(published_at) FROM latest) AS changed_at
