-- $1 adcode, $2 plot codes, $3 plot names, $4 years, $5 planned uses, $6 areas m² (null = the registered plot's),
-- $7 met the requirement, $8 basis. A code of the registry links the record to its plot.
INSERT INTO plot_redevelopment (adcode, plot_id, plot_code, plot_name, year, planned_use, area_m2, meets_requirement, basis, is_generated, created_by)
SELECT $1, cp.id, r.code, r.name, r.year, r.planned_use, coalesce(r.area_m2, cp.area_m2), r.meets, r.basis, true, 'sample-data'
FROM unnest($2::text[], $3::text[], $4::int[], $5::text[], $6::float8[], $7::boolean[], $8::text[])
     AS r(code, name, year, planned_use, area_m2, meets, basis)
LEFT JOIN contaminated_plot cp ON cp.adcode = $1 AND cp.code = r.code
WHERE coalesce(r.area_m2, cp.area_m2) IS NOT NULL
