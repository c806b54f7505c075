-- $1 import. Parcels and area of the plan by kind, class and township: the parcel's class (added: 未划定), the new
-- area of changed and added parcels, the parcel's area of unchanged and retired ones.
SELECT m.kind, coalesce(p.class, 'unclassified') AS class,
       coalesce(p.township_code, f.township_code)::text AS township_code, t.name AS township_name,
       count(*)::integer AS parcels,
       coalesce(sum(CASE WHEN m.kind IN ('changed', 'added') THEN ST_Area(f.geom::geography) ELSE p.area_m2 END), 0)
         AS area_m2,
       count(*) FILTER (WHERE m.is_conflict)::integer AS conflicts
FROM land_update_match m
LEFT JOIN farmland_parcel p ON p.id = m.parcel_id
LEFT JOIN land_import_feature f ON f.import_id = m.import_id AND f.seq = m.seq
LEFT JOIN township t ON t.code = coalesce(p.township_code, f.township_code)
WHERE m.import_id = $1
GROUP BY m.kind, coalesce(p.class, 'unclassified'), coalesce(p.township_code, f.township_code), t.name
ORDER BY m.kind, 2, 3
