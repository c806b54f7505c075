-- $1 county codes of the user's scope, $2–$5 west, south, east, north (EPSG:4490), $6 most rows.
SELECT f.*
FROM farmland_parcel p JOIN farmland_parcel_feature f ON f.id = p.id
WHERE p.adcode = ANY($1::char(6)[]) AND p.geom && ST_MakeEnvelope($2, $3, $4, $5, 4490)
  AND ST_Intersects(p.geom, ST_MakeEnvelope($2, $3, $4, $5, 4490))
ORDER BY p.id
LIMIT $6
