SELECT p.id, p.code, p.dlbm, p.class, p.area_m2, p.version, p.is_generated, p.updated_at, p.updated_by,
       p.adcode::text, c.name AS county, c.city, t.name AS township,
       ARRAY[ST_XMin(p.geom), ST_YMin(p.geom), ST_XMax(p.geom), ST_YMax(p.geom)] AS bbox
FROM farmland_parcel p JOIN county c USING (adcode)
LEFT JOIN township t ON t.adcode = p.adcode AND t.code = p.township_code
WHERE p.id = $1
