-- $1 jsonb [{"type", "id"}]: the features a check's reasons name; $2..$5 the box of the report map (EPSG:4490
-- xmin, ymin, xmax, ymax). Their geometry as it is today, clipped to the box, with what colours them on the map.
WITH wanted AS (SELECT w->>'type' AS type, (w->>'id')::bigint AS id FROM jsonb_array_elements($1::jsonb) w),
box AS (SELECT ST_MakeEnvelope($2, $3, $4, $5, 4490) AS b),
-- published plots (by status), published zones, enterprise sites (by status), farmland parcels, monitoring points (by level)
found AS (
  SELECT 'plot' AS type, p.id, p.status AS style, p.geom FROM published_plot p JOIN wanted w ON w.type = 'plot' AND w.id = p.id
  UNION ALL
  SELECT 'control-zone', z.id, NULL, z.geom FROM published_control_zone z JOIN wanted w ON w.type = 'control-zone' AND w.id = z.id
  UNION ALL
  SELECT 'enterprise', e.id, e.status, e.geom FROM supervised_enterprise e JOIN wanted w ON w.type = 'enterprise' AND w.id = e.id
  UNION ALL
  SELECT 'farmland', f.id, NULL, f.geom FROM farmland_parcel f JOIN wanted w ON w.type = 'farmland' AND w.id = f.id
  UNION ALL
  SELECT 'monitoring-point', m.id, m.level, m.geom FROM monitoring_point m JOIN wanted w ON w.type = 'monitoring-point' AND w.id = m.id
)
SELECT f.type, f.id, f.style,
       ST_AsGeoJSON(CASE WHEN ST_Dimension(f.geom) = 0 THEN f.geom ELSE ST_ClipByBox2D(f.geom, box.b) END, 7)::jsonb AS geometry
FROM found f, box
WHERE f.geom && box.b
ORDER BY CASE f.type WHEN 'farmland' THEN 0 WHEN 'control-zone' THEN 1 WHEN 'enterprise' THEN 2 WHEN 'plot' THEN 3 ELSE 4 END, f.id
