-- $1 jsonb [{"type", "id", "version"}]: the features a check's reasons name with the version the check read
-- (data_version.features); $2..$5 the box of the map (EPSG:4490 xmin, ymin, xmax, ymax). Each one's geometry
-- clipped to the box, with what colours it on the map, and whether it is the version the check read.
WITH wanted AS (SELECT w->>'type' AS type, (w->>'id')::bigint AS id, (w->>'version')::integer AS version FROM jsonb_array_elements($1::jsonb) w),
box AS (SELECT ST_MakeEnvelope($2, $3, $4, $5, 4490) AS b),
-- published plots and zones and enterprise sites: the version the check read, kept at publication (migration 020)
kept AS (
  SELECT v.type, v.id, v.style, v.geom, true AS is_as_read
  FROM wanted w JOIN precheck_feature_version v ON v.type = w.type AND v.id = w.id AND v.version = w.version
),
-- the same when that version was not kept (checks older than migration 020): as it is today
today AS (
  SELECT 'plot' AS type, p.id, p.status AS style, p.geom FROM published_plot p JOIN wanted w ON w.type = 'plot' AND w.id = p.id
  UNION ALL
  SELECT 'control-zone', z.id, NULL, z.geom FROM published_control_zone z JOIN wanted w ON w.type = 'control-zone' AND w.id = z.id
  UNION ALL
  SELECT 'enterprise', e.id, e.status, e.geom FROM supervised_enterprise e JOIN wanted w ON w.type = 'enterprise' AND w.id = e.id
),
-- farmland parcels (the published class list's version is what the check read), 永久基本农田 and monitoring points (by level): today's
found AS (
  SELECT * FROM kept
  UNION ALL
  SELECT t.type, t.id, t.style, t.geom, false FROM today t WHERE NOT EXISTS (SELECT 1 FROM kept k WHERE k.type = t.type AND k.id = t.id)
  UNION ALL
  SELECT 'farmland', f.id, NULL, f.geom, false FROM farmland_parcel f JOIN wanted w ON w.type = 'farmland' AND w.id = f.id
  UNION ALL
  SELECT 'basic-farmland', b.id, NULL, b.geom, false FROM basic_farmland b JOIN wanted w ON w.type = 'basic-farmland' AND w.id = b.id
  UNION ALL
  SELECT 'monitoring-point', m.id, m.level, m.geom, false FROM monitoring_point m JOIN wanted w ON w.type = 'monitoring-point' AND w.id = m.id
  UNION ALL
  SELECT 'water-source', z.id, z.level, z.geom, false FROM water_source_zone z JOIN wanted w ON w.type = 'water-source' AND w.id = z.id
)
SELECT f.type, f.id, f.style, f.is_as_read,
       ST_AsGeoJSON(CASE WHEN ST_Dimension(f.geom) = 0 THEN f.geom ELSE ST_ClipByBox2D(f.geom, box.b) END, 7)::jsonb AS geometry
FROM found f, box
WHERE f.geom && box.b
ORDER BY CASE f.type WHEN 'farmland' THEN 0 WHEN 'control-zone' THEN 1 WHEN 'enterprise' THEN 2 WHEN 'plot' THEN 3 ELSE 4 END, f.id
