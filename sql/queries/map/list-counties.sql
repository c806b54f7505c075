SELECT adcode::text, name, city, province, area_m2,
       ARRAY[ST_XMin(geom), ST_YMin(geom), ST_XMax(geom), ST_YMax(geom)] AS bbox
FROM county WHERE adcode = ANY($1::bpchar[]) ORDER BY city_code, adcode
