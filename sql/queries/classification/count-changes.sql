-- $1 adcode, $2 list id. How many parcels change class (for a page past the end).
SELECT count(*)::int AS total
FROM class_list_entry e JOIN farmland_parcel p ON p.adcode = e.adcode AND p.id = e.parcel_id
WHERE e.adcode = $1 AND e.list_id = $2 AND e.class <> p.class
