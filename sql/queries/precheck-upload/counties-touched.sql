-- the counties of the caller's scope the transformed outline ($2, GeoJSON in EPSG:4490) touches
SELECT adcode, name
FROM county
WHERE adcode = ANY ($1::text[])
  AND ST_Intersects(geom, ST_SetSRID(ST_GeomFromGeoJSON($2), 4490))
ORDER BY adcode;
