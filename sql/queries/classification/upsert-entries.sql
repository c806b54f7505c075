-- $1 adcode, $2 list id, then one array per column: $3 parcel ids, $4 classes, $5 methods, $6 soil grades,
-- $7 main pollutants (comma-separated), $8 sample counts, $9 basis (JSON text). Recomputed classes replace
-- what the list held for those parcels, an override included.
INSERT INTO class_list_entry (adcode, list_id, parcel_id, class, method, soil_grade, main_pollutants, sample_count, basis)
SELECT $1, $2, e.parcel_id, e.class, e.method, e.soil_grade,
       coalesce(string_to_array(nullif(e.pollutants, ''), ','), '{}'), e.sample_count, e.basis::json
FROM unnest($3::bigint[], $4::text[], $5::text[], $6::text[], $7::text[], $8::int[], $9::text[])
     AS e(parcel_id, class, method, soil_grade, pollutants, sample_count, basis)
ON CONFLICT (adcode, list_id, parcel_id) DO UPDATE SET
  class = EXCLUDED.class, method = EXCLUDED.method, soil_grade = EXCLUDED.soil_grade, main_pollutants = EXCLUDED.main_pollutants,
  sample_count = EXCLUDED.sample_count, basis = EXCLUDED.basis, computed_class = NULL, override_reason = NULL, override_by = NULL
