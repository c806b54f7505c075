SELECT t.code::text, t.name, t.adcode::text, c.name AS county, c.city, t.area_m2, t.is_generated,
       (SELECT count(*) FROM farmland_parcel p WHERE p.adcode = t.adcode AND p.township_code = t.code) AS parcels,
       ARRAY[ST_XMin(t.geom), ST_YMin(t.geom), ST_XMax(t.geom), ST_YMax(t.geom)] AS bbox
FROM township t JOIN county c USING (adcode) WHERE t.code = $1::text
