-- $1 JSON array of positions: {"lon","lat"} in CGCS2000 or {"x","y","epsg"} in a CGCS2000 Gauss-Krüger projection
-- (x north, y east). Each in CGCS2000 longitude/latitude with the county and township holding it and the 三调 land
-- code of the parcel under it (county null where none holds it).
WITH p AS (
  SELECT ord::int AS index,
         CASE WHEN e ? 'epsg'
              THEN ST_Transform(ST_SetSRID(ST_MakePoint((e->>'y')::float8, (e->>'x')::float8), (e->>'epsg')::int), 4490)
              ELSE ST_SetSRID(ST_MakePoint((e->>'lon')::float8, (e->>'lat')::float8), 4490) END AS g
  FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS t(e, ord)
)
SELECT p.index, ST_X(p.g) AS lon, ST_Y(p.g) AS lat, k.adcode::text AS adcode, k.name AS county,
       (SELECT t.code::text FROM township t WHERE t.adcode = k.adcode AND ST_Intersects(t.geom, p.g) ORDER BY t.code LIMIT 1) AS township_code,
       (SELECT f.dlbm FROM farmland_parcel f WHERE f.adcode = k.adcode AND ST_Intersects(f.geom, p.g) ORDER BY f.id LIMIT 1) AS parcel_dlbm
FROM p LEFT JOIN LATERAL (
  SELECT c.adcode, c.name FROM county c WHERE ST_Intersects(c.geom, p.g) ORDER BY c.adcode LIMIT 1
) k ON true
ORDER BY p.index
