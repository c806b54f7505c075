-- A class list with its county (the export header); $1 = list id.
SELECT l.id, l.adcode, c.name AS county, c.city_code, c.city, c.province, l.title, l.rule_set_version,
       l.review_status, l.is_complete, l.parcel_count, l.created_by, l.created_at, l.published_at,
       EXISTS (
         SELECT 1 FROM class_list_entry e
         JOIN farmland_parcel p ON p.adcode = e.adcode AND p.id = e.parcel_id
         WHERE e.adcode = l.adcode AND e.list_id = l.id AND p.is_generated
       ) AS has_generated_data
FROM class_list l
JOIN county c ON c.adcode = l.adcode
WHERE l.id = $1
