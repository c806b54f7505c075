-- $1 adcode. The parcel count of every complete list of the county, after parcel edits added or removed entries.
UPDATE class_list l SET parcel_count = n.count
FROM (SELECT l2.id, (SELECT count(*)::int FROM class_list_entry e WHERE e.adcode = l2.adcode AND e.list_id = l2.id) AS count
      FROM class_list l2 WHERE l2.adcode = $1 AND l2.is_complete) n
WHERE l.adcode = $1 AND l.id = n.id AND l.parcel_count <> n.count
