-- $1 parcel id. A retired parcel, with the area of live parcels its outline now overlaps and the live parcel that
-- holds its code since.
SELECT r.id, r.adcode::text AS adcode, c.name AS county, r.code, r.class, r.township_code::text AS township_code,
       (SELECT coalesce(sum(ST_Area(ST_Intersection(p.geom, r.geom)::geography)), 0)
        FROM farmland_parcel p WHERE p.adcode = r.adcode AND p.geom && r.geom AND ST_Intersects(p.geom, r.geom))
         AS overlap_m2,
       (r.township_code IS NULL OR EXISTS (SELECT 1 FROM township t WHERE t.adcode = r.adcode AND t.code = r.township_code))
         AS has_township,
       (SELECT p.id::text FROM farmland_parcel p WHERE p.adcode = r.adcode AND p.code = r.code) AS code_holder_id
FROM retired_parcel r JOIN county c ON c.adcode = r.adcode
WHERE r.id = $1
