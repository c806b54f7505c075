-- $1 adcode, $2 most rows. The county's 严格管控类 parcels of the published classes, for choosing a zone's parcels,
-- with the zones (not yet published or published) that already hold each.
SELECT p.id, p.code, p.township_code::text, t.name AS township, p.area_m2,
       coalesce(e.main_pollutants, '{}') AS main_pollutants,
       ARRAY[ST_XMin(p.geom), ST_YMin(p.geom), ST_XMax(p.geom), ST_YMax(p.geom)] AS bbox,
       ARRAY(SELECT z.code FROM ban_zone_parcel zp JOIN ban_zone z ON z.adcode = zp.adcode AND z.id = zp.zone_id
             WHERE zp.adcode = p.adcode AND zp.parcel_id = p.id ORDER BY z.code) AS zone_codes,
       count(*) OVER ()::int AS total_count
FROM farmland_parcel p
LEFT JOIN township t ON t.adcode = p.adcode AND t.code = p.township_code
LEFT JOIN class_list_entry e ON e.adcode = p.adcode AND e.list_id = p.class_list_id AND e.parcel_id = p.id
WHERE p.adcode = $1 AND p.class = 'strict'
ORDER BY p.township_code NULLS LAST, p.code
LIMIT $2
