-- The records of a county that lie outside an outline, by kind: polygons with more than $3 m² outside it, points
-- not on it. $1 county code; $2 the outline (GeoJSON, EPSG:4490); $3 tolerated area outside, m². One row per kind
-- with records outside, with the count and the first 50 codes.
WITH o AS (SELECT ST_SetSRID(ST_GeomFromGeoJSON($2), 4490) AS geom),
hits AS (
  SELECT 'farmland_parcel' AS kind, p.id, p.code FROM farmland_parcel p, o
  WHERE p.adcode = $1::char(6) AND NOT ST_CoveredBy(p.geom, o.geom)
    AND ST_Area(ST_Difference(p.geom, o.geom, 1e-9)::geography) > $3::float8
  UNION ALL
  SELECT 'contaminated_plot', c.id, c.code FROM contaminated_plot c, o
  WHERE c.adcode = $1::char(6) AND NOT ST_CoveredBy(c.geom, o.geom)
    AND ST_Area(ST_Difference(c.geom, o.geom, 1e-9)::geography) > $3::float8
  UNION ALL
  SELECT 'control_zone', z.id, z.code FROM control_zone z, o
  WHERE z.adcode = $1::char(6) AND NOT ST_CoveredBy(z.geom, o.geom)
    AND ST_Area(ST_Difference(z.geom, o.geom, 1e-9)::geography) > $3::float8
  UNION ALL
  SELECT 'supervised_enterprise', e.id, e.credit_code::text FROM supervised_enterprise e, o
  WHERE e.adcode = $1::char(6) AND NOT ST_CoveredBy(e.geom, o.geom)
    AND ST_Area(ST_Difference(e.geom, o.geom, 1e-9)::geography) > $3::float8
  UNION ALL
  SELECT 'monitoring_point', m.id, m.code FROM monitoring_point m, o
  WHERE m.adcode = $1::char(6) AND NOT ST_Intersects(m.geom, o.geom)
)
SELECT kind, count(*)::int AS count,
       (array_agg(id ORDER BY id))[1:50] AS ids, (array_agg(code ORDER BY id))[1:50] AS codes
FROM hits
GROUP BY kind
ORDER BY kind
