-- $1 GeoJSON polygon (EPSG:4490, valid), $2 monitoring radius in m. Every published or supervised feature the
-- plot overlaps, with the overlap area in m² on the spheroid, and the monitoring points within the radius with
-- their latest soil result. One row per feature; the domain decides what each means.
WITH g AS (SELECT ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON($1), 4490)) AS geom),
-- published plots of the three lists (and removed ones, whose added forbidden uses still apply)
plots AS (
  SELECT 'plot' AS type, p.id, p.code, p.name, p.version, p.status, NULL::text AS extra, p.negative_uses,
         ST_Area(ST_Intersection(p.geom, g.geom)::geography) AS overlap_m2, NULL::double precision AS distance_m,
         NULL::text AS sampled_on, NULL::jsonb AS values_mg_kg
  FROM published_plot p, g WHERE ST_Intersects(p.geom, g.geom)
),
-- published control zones, overlaid piece by piece (published_control_zone_sub, migration 015: pieces of at most
-- 256 vertices that do not overlap, so the overlap with a zone is the sum over its pieces)
zone_overlaps AS (
  SELECT s.adcode, s.id, sum(ST_Area(ST_Intersection(s.geom, g.geom)::geography)) AS overlap_m2
  FROM published_control_zone_sub s, g WHERE ST_Intersects(s.geom, g.geom)
  GROUP BY s.adcode, s.id
),
zones AS (
  SELECT 'control-zone', z.id, z.code, z.name, z.version, NULL, z.announcement_no, NULL::jsonb,
         o.overlap_m2, NULL::double precision, NULL::text, NULL::jsonb
  FROM zone_overlaps o JOIN published_control_zone z ON z.adcode = o.adcode AND z.id = o.id
),
-- sites of key supervised enterprises, whatever their state
enterprises AS (
  SELECT 'enterprise', e.id, e.credit_code::text, e.name, e.version, e.status, e.industry, NULL::jsonb,
         ST_Area(ST_Intersection(e.geom, g.geom)::geography), NULL::double precision, NULL::text, NULL::jsonb
  FROM supervised_enterprise e, g WHERE ST_Intersects(e.geom, g.geom)
),
-- the latest published class list of each county: the published class of its parcels
published_list AS (
  SELECT DISTINCT ON (l.adcode) l.adcode, l.id, l.published_version
  FROM class_list l WHERE l.review_status = 'published'
  ORDER BY l.adcode, l.published_at DESC NULLS LAST, l.id DESC
),
-- farmland parcels with a published class other than unclassified: driven from the parcels the plot overlaps,
-- each one's entry looked up by key (OFFSET 0 keeps it a lookup, not a scan of the county's whole list)
farmland AS (
  SELECT 'farmland', f.id, f.code, f.code, pl.published_version, e.class, pl.id::text, NULL::jsonb,
         ST_Area(ST_Intersection(f.geom, g.geom)::geography), NULL::double precision, NULL::text, NULL::jsonb
  FROM farmland_parcel f CROSS JOIN g
  JOIN published_list pl ON pl.adcode = f.adcode
  CROSS JOIN LATERAL (
    SELECT e.class FROM class_list_entry e WHERE e.adcode = f.adcode AND e.list_id = pl.id AND e.parcel_id = f.id OFFSET 0
  ) e
  WHERE ST_Intersects(f.geom, g.geom) AND e.class IN ('priority', 'safe_use', 'strict')
),
-- monitoring points inside or within the radius, with the latest soil result (none: values are null)
points AS (
  SELECT 'monitoring-point', m.id, m.code, m.name, m.version, NULL, NULL, NULL::jsonb,
         NULL::double precision, ST_Distance(m.geom::geography, g.geom::geography),
         to_char(r.sampled_on, 'YYYY-MM-DD'), r.values_mg_kg
  FROM monitoring_point m CROSS JOIN g
  LEFT JOIN LATERAL (
    SELECT sampled_on, values_mg_kg FROM monitoring_result
    WHERE adcode = m.adcode AND point_id = m.id AND medium = 'soil'
    ORDER BY sampled_on DESC, id DESC LIMIT 1
  ) r ON true
  -- index prefilter: 1° of longitude is at least 60 km south of 57°N, so the box holds every point within $2 m
  WHERE m.geom && ST_Expand(g.geom, $2 / 60000.0) AND ST_DWithin(m.geom::geography, g.geom::geography, $2)
)
SELECT * FROM plots UNION ALL SELECT * FROM zones UNION ALL SELECT * FROM enterprises
UNION ALL SELECT * FROM farmland UNION ALL SELECT * FROM points
ORDER BY 1, 2
