-- $1 adcode, $2 list id, $3 parcel id. One entry with its parcel and the parcel's published class.
SELECT e.parcel_id, p.code, e.class, e.method, e.soil_grade, e.main_pollutants, e.sample_count, e.basis,
       e.computed_class, e.override_reason, e.override_by, u.display_name AS override_by_name, p.class AS published_class
FROM class_list_entry e JOIN farmland_parcel p ON p.adcode = e.adcode AND p.id = e.parcel_id
LEFT JOIN app_user u ON u.username = e.override_by
WHERE e.adcode = $1 AND e.list_id = $2 AND e.parcel_id = $3
