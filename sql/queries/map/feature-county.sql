SELECT c.adcode::text, c.name, c.city, c.province, c.area_m2, c.source,
       (SELECT count(*) FROM township t WHERE t.adcode = c.adcode) AS townships,
       (SELECT count(*) FROM farmland_parcel p WHERE p.adcode = c.adcode) AS parcels,
       (SELECT coalesce(sum(area_m2), 0) FROM farmland_parcel p WHERE p.adcode = c.adcode) AS farmland_m2,
       (SELECT count(*) FROM monitoring_point m WHERE m.adcode = c.adcode) AS points,
       (SELECT count(*) FROM monitoring_point m WHERE m.adcode = c.adcode AND m.level = 'national') AS national_points,
       (SELECT count(*) FROM contaminated_plot d WHERE d.adcode = c.adcode) AS plots,
       ARRAY[ST_XMin(c.geom), ST_YMin(c.geom), ST_XMax(c.geom), ST_YMax(c.geom)] AS bbox
FROM county c WHERE c.adcode = lpad($1::text, 6, '0')
