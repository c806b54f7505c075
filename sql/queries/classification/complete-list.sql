-- $1 adcode, $2 list id. The job wrote every entry: the list is complete and may go to review.
UPDATE class_list SET is_complete = true, updated_at = now(),
       parcel_count = (SELECT count(*)::int FROM class_list_entry e WHERE e.adcode = $1 AND e.list_id = $2)
WHERE adcode = $1 AND id = $2
RETURNING parcel_count,
  (SELECT coalesce(jsonb_object_agg(class, n), '{}') FROM (
     SELECT class, count(*) AS n FROM class_list_entry WHERE adcode = $1 AND list_id = $2 GROUP BY class) c) AS by_class
