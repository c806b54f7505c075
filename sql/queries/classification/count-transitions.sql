-- $1 adcode, $2 list id. Parcels whose class in the list differs from their published class, by transition.
SELECT p.class AS from_class, e.class AS to_class, count(*)::int AS count, sum(p.area_m2) AS area_m2
FROM class_list_entry e JOIN farmland_parcel p ON p.adcode = e.adcode AND p.id = e.parcel_id
WHERE e.adcode = $1 AND e.list_id = $2 AND e.class <> p.class
GROUP BY 1, 2
ORDER BY 3 DESC, 1, 2
