-- $1 jsonb [{"type", "id", "code"}]: the features a siting check's reasons name and the monitoring points it lists;
-- $2..$5 the box of the map (EPSG:4490 xmin, ymin, xmax, ymax). Each one as it is today (a 优先保护类耕地集中区域 by
-- its code in the county's latest version), clipped to the box, with what colours it on the map.
WITH wanted AS (SELECT w->>'type' AS type, (w->>'id')::bigint AS id, w->>'code' AS code FROM jsonb_array_elements($1::jsonb) w),
box AS (SELECT ST_MakeEnvelope($2, $3, $4, $5, 4490) AS b),
found AS (
  SELECT 'priority-area' AS type, a.area_no::bigint AS id, NULL::text AS style, a.geom
  FROM priority_area_current a JOIN wanted w ON w.type = 'priority-area' AND w.code = a.code
  UNION ALL
  SELECT 'water-source', z.id, z.level, z.geom FROM water_source_zone z JOIN wanted w ON w.type = 'water-source' AND w.id = z.id
  UNION ALL
  SELECT 'ban-zone', b.id, NULL, b.geom FROM published_ban_zone b JOIN wanted w ON w.type = 'ban-zone' AND w.id = b.id
  UNION ALL
  SELECT 'control-zone', z.id, NULL, z.geom FROM published_control_zone z JOIN wanted w ON w.type = 'control-zone' AND w.id = z.id
  UNION ALL
  SELECT 'monitoring-point', m.id, m.level, m.geom FROM monitoring_point m JOIN wanted w ON w.type = 'monitoring-point' AND w.id = m.id
)
SELECT f.type, f.id, f.style, false AS is_as_read,
       ST_AsGeoJSON(CASE WHEN ST_Dimension(f.geom) = 0 THEN f.geom ELSE ST_ClipByBox2D(f.geom, box.b) END, 7)::jsonb AS geometry
FROM found f, box
WHERE f.geom && box.b
ORDER BY CASE f.type WHEN 'priority-area' THEN 0 WHEN 'ban-zone' THEN 1 WHEN 'control-zone' THEN 2 WHEN 'water-source' THEN 3 ELSE 4 END, f.id
