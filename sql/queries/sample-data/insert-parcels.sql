-- $1 adcode, $2 codes, $3 DLBM, $4 classes, $5 WKT (EPSG:4490). Keeps only parcels inside the county and
-- gives each the township that holds its point on surface.
WITH p AS (
  SELECT code, dlbm, class, ST_GeomFromText(wkt, 4490) AS geom
  FROM unnest($2::text[], $3::text[], $4::text[], $5::text[]) AS s(code, dlbm, class, wkt)
)
INSERT INTO farmland_parcel (adcode, code, dlbm, class, township_code, geom, is_generated, updated_by)
SELECT $1, p.code, p.dlbm, p.class,
       (SELECT t.code FROM township t WHERE t.adcode = $1 AND ST_Intersects(t.geom, ST_PointOnSurface(p.geom)) LIMIT 1),
       p.geom, true, 'sample-data'
FROM p JOIN county c ON c.adcode = $1
WHERE ST_Within(p.geom, c.geom)
