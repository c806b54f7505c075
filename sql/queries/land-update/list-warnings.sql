-- $1 import. 优先保护类 and 严格管控类 parcels the plan retires or reshapes, with the area before and after and a point.
SELECT m.no, m.kind, m.is_reshaped, m.is_recoded, p.id AS parcel_id, p.code, p.class, p.dlbm::text AS dlbm,
       f.dlbm AS new_dlbm, t.name AS township_name, p.area_m2,
       CASE WHEN f.geom IS NOT NULL THEN ST_Area(f.geom::geography) END AS new_area_m2,
       ARRAY[ST_X(s.pt), ST_Y(s.pt)] AS point
FROM land_update_match m
JOIN farmland_parcel p ON p.id = m.parcel_id
LEFT JOIN land_import_feature f ON f.import_id = m.import_id AND f.seq = m.seq
LEFT JOIN township t ON t.adcode = p.adcode AND t.code = p.township_code
CROSS JOIN LATERAL (SELECT ST_PointOnSurface(p.geom) AS pt) s
WHERE m.import_id = $1 AND p.class IN ('priority', 'strict')
  AND (m.kind = 'retired' OR (m.kind = 'changed' AND m.is_reshaped))
ORDER BY p.class DESC, p.code
