-- $1 GeoJSON polygon (EPSG:4490, checked shape), $2 monitoring radius in m, $3 whether the outline passed the vertex
-- limit, $4 its county when known (a re-run) or null. Everything one pre-check reads, in one statement and one row:
--  - whether the outline is a valid geometry, and if not why and where (as parcels/measure-validity.sql);
--  - its county: the one given, else the one holding most of it, with the area outside it and a point there (as
--    parcels/measure-county.sql, on the county's pieces);
--  - every published or supervised feature the outline overlaps, with the overlap area in m² on the spheroid, and
--    the monitoring points within the radius with their latest soil result: one JSON object per feature (hits);
--  - the data version of the county: counts kept by triggers (precheck_source_count, migration 020) and latest
--    dates read from indexes (migrations 016, 020).
-- County, overlays and data version are skipped for an invalid outline or one over the vertex limit. The domain decides.
WITH input AS (SELECT ST_SetSRID(ST_GeomFromGeoJSON($1), 4490) AS geom),
validity AS (SELECT d.valid, d.reason, ST_X(d.location) AS lon, ST_Y(d.location) AS lat FROM input, ST_IsValidDetail(input.geom) d),
checked AS (SELECT input.geom FROM input, validity WHERE validity.valid AND $3::boolean),
-- the share of each county the outline meets, summed over the county's pieces (county_sub, migration 021: pieces of
-- at most 256 vertices that do not overlap)
shares AS (
  SELECT s.adcode, sum(ST_Area(ST_Intersection(s.geom, g.geom)::geography)) AS inside_m2
  FROM county_sub s, checked g
  WHERE ($4::text IS NULL OR s.adcode = $4::char(6)) AND ST_Intersects(s.geom, g.geom)
  GROUP BY s.adcode
),
-- the county: the one given, else the one with the largest share of the outline
owner AS (
  SELECT c.adcode::text AS adcode, c.name, c.city_code
  FROM county c LEFT JOIN shares sh ON sh.adcode = c.adcode
  WHERE ($4::text IS NOT NULL AND c.adcode = $4::char(6)) OR ($4::text IS NULL AND sh.adcode IS NOT NULL)
  ORDER BY sh.inside_m2 DESC NULLS LAST
  LIMIT 1
),
-- the part of the outline outside that county: the outline less the county's pieces it meets
outside AS (
  SELECT CASE WHEN p.geom IS NULL THEN g.geom ELSE ST_Difference(g.geom, p.geom) END AS geom
  FROM checked g, owner
  CROSS JOIN LATERAL (SELECT ST_Union(s.geom) AS geom FROM county_sub s WHERE s.adcode = owner.adcode::char(6) AND ST_Intersects(s.geom, g.geom)) p
),
g AS (SELECT ST_Multi(geom) AS geom FROM checked),
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
-- 永久基本农田图斑 the outline overlaps (the county's own file, or generated with the sample data)
basic AS (
  SELECT 'basic-farmland', b.id, coalesce(b.code, b.bsm, b.id::text), coalesce(b.code, b.bsm, b.id::text), 1, NULL, NULL, NULL::jsonb,
         ST_Area(ST_Intersection(b.geom, g.geom)::geography), NULL::double precision, NULL::text, NULL::jsonb
  FROM basic_farmland b, g WHERE ST_Intersects(b.geom, g.geom)
),
-- 饮用水水源保护区 the outline overlaps, published or not (the protection binds whether or not the public map shows
-- it): the level as status, the kind of source as extra
water_sources AS (
  SELECT 'water-source', w.id, w.id::text, w.source_name, 1, w.level, w.source_type, NULL::jsonb,
         ST_Area(ST_Intersection(w.geom, g.geom)::geography), NULL::double precision, NULL::text, NULL::jsonb
  FROM water_source_zone w, g WHERE ST_Intersects(w.geom, g.geom)
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
),
-- one row per feature
hits AS (
  SELECT * FROM plots UNION ALL SELECT * FROM zones UNION ALL SELECT * FROM enterprises
  UNION ALL SELECT * FROM farmland UNION ALL SELECT * FROM basic UNION ALL SELECT * FROM points
  UNION ALL SELECT * FROM water_sources
),
-- the counts the triggers keep for the county
n AS (SELECT k.source, k.rows FROM precheck_source_count k, owner WHERE k.adcode = owner.adcode)
SELECT v.valid, v.reason, v.lon, v.lat,
       o.adcode, o.name AS county_name,
       coalesce(ST_Area(outside.geom::geography), 0) AS outside_m2,
       CASE WHEN NOT ST_IsEmpty(outside.geom) THEN ST_X(ST_PointOnSurface(outside.geom)) END AS outside_lon,
       CASE WHEN NOT ST_IsEmpty(outside.geom) THEN ST_Y(ST_PointOnSurface(outside.geom)) END AS outside_lat,
       (SELECT coalesce(jsonb_agg(to_jsonb(h) ORDER BY h.type, h.id), '[]') FROM hits h) AS hits,
       CASE WHEN o.adcode IS NOT NULL THEN jsonb_build_object(
         -- published plots and control zones of the county
         'publishedPlots', jsonb_build_object('count', coalesce((SELECT rows FROM n WHERE source = 'published_plot'), 0),
           'lastPublishedAt', (SELECT max(published_at) FROM published_plot WHERE adcode = o.adcode::char(6))),
         'publishedControlZones', jsonb_build_object('count', coalesce((SELECT rows FROM n WHERE source = 'published_control_zone'), 0),
           'lastPublishedAt', (SELECT max(published_at) FROM published_control_zone WHERE adcode = o.adcode::char(6))),
         -- the latest published class list
         'classList', (SELECT jsonb_build_object('id', id, 'publishedVersion', published_version, 'publishedAt', published_at)
           FROM class_list WHERE adcode = o.adcode::char(6) AND review_status = 'published'
           ORDER BY published_at DESC NULLS LAST, id DESC LIMIT 1),
         -- the last version of each published list the county belongs to (county, city, province)
         'registryLists', (SELECT coalesce(jsonb_agg(jsonb_build_object('list', list_code, 'jurisdiction', jurisdiction, 'version', version) ORDER BY list_code, jurisdiction), '[]')
           FROM (SELECT list_code, jurisdiction::text, max(version) AS version FROM registry_list_version
                 WHERE jurisdiction IN (o.adcode::char(6), o.city_code, left(o.adcode, 2) || '0000') GROUP BY 1, 2) l),
         -- supervised enterprises and soil monitoring results of the county
         'enterprises', jsonb_build_object('count', coalesce((SELECT rows FROM n WHERE source = 'supervised_enterprise'), 0),
           'lastUpdatedAt', (SELECT max(updated_at) FROM supervised_enterprise WHERE adcode = o.adcode::char(6))),
         'monitoring', jsonb_build_object('results', coalesce((SELECT rows FROM n WHERE source = 'soil_result'), 0),
           'lastSampledOn', (SELECT to_char(max(sampled_on), 'YYYY-MM-DD') FROM monitoring_result WHERE adcode = o.adcode::char(6) AND medium = 'soil'))
       ) END AS data_version
FROM validity v LEFT JOIN owner o ON true LEFT JOIN outside ON true
