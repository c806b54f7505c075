-- $1 adcode, $2 list id. Every parcel of the county the list lacks gets the entry its published class came from
-- (a parcel with no published list gets none); entries the list has are kept.
INSERT INTO class_list_entry (adcode, list_id, parcel_id, class, method, soil_grade, main_pollutants, sample_count, basis,
                              computed_class, override_reason, override_by)
SELECT e.adcode, $2, e.parcel_id, e.class, e.method, e.soil_grade, e.main_pollutants, e.sample_count, e.basis,
       e.computed_class, e.override_reason, e.override_by
FROM farmland_parcel p
JOIN class_list_entry e ON e.adcode = p.adcode AND e.list_id = p.class_list_id AND e.parcel_id = p.id
WHERE p.adcode = $1 AND p.class_list_id <> $2
ON CONFLICT (adcode, list_id, parcel_id) DO NOTHING
