-- $1 longitude, $2 latitude (CGCS2000 degrees). The served county the point lies in.
SELECT adcode::text, name FROM county
WHERE ST_Intersects(geom, ST_SetSRID(ST_MakePoint($1, $2), 4490))
ORDER BY adcode LIMIT 1
