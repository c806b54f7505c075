-- $1 adcode, $2 list id, $3 offset, $4 limit. The parcels that change class, by code, with the total.
SELECT e.parcel_id, p.code, t.name AS township, p.dlbm, p.class AS from_class, e.class AS to_class,
       p.area_m2, e.method, count(*) OVER () AS total
FROM class_list_entry e JOIN farmland_parcel p ON p.adcode = e.adcode AND p.id = e.parcel_id
LEFT JOIN township t ON t.adcode = p.adcode AND t.code = p.township_code
WHERE e.adcode = $1 AND e.list_id = $2 AND e.class <> p.class
ORDER BY p.code
OFFSET $3 LIMIT $4
