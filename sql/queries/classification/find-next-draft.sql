-- $1 adcode. The county's next list, locked: the newest complete draft (or returned) list made since the last
-- list was published; none when there is no such list.
SELECT l.id
FROM class_list l
WHERE l.adcode = $1 AND l.review_status IN ('draft', 'returned') AND l.is_complete
  AND l.created_at > coalesce((SELECT max(p.published_at) FROM class_list p WHERE p.adcode = $1 AND p.review_status = 'published'), '-infinity')
ORDER BY l.created_at DESC, l.id DESC
LIMIT 1
FOR UPDATE
