-- The entries of one class list with their parcel and township, by township and parcel code;
-- $1 = adcode, $2 = list id, $3 = whether to encode the geometry (GeoJSON text, CGCS2000 lon/lat, 8 decimals).
SELECT p.township_code, t.name AS township, p.code AS parcel_code, p.dlbm, p.area_m2, p.is_generated,
       e.class, e.method, e.soil_grade, e.main_pollutants, e.sample_count, e.basis ->> 'summary' AS basis_summary,
       e.computed_class, e.override_reason,
       CASE WHEN $3::boolean THEN ST_AsGeoJSON(p.geom, 8) END AS geometry
FROM class_list_entry e
JOIN farmland_parcel p ON p.adcode = e.adcode AND p.id = e.parcel_id
LEFT JOIN township t ON t.adcode = p.adcode AND t.code = p.township_code
WHERE e.adcode = $1 AND e.list_id = $2
ORDER BY p.township_code NULLS LAST, p.code
