-- The checks of one county's administrative units from a file, set-wise in one statement.
-- $1 level of each feature ('county' | 'township'); $2 its code as kept (6 or 9 digits); $3 its name; $4 1 when the
-- name is a village's (a 12-digit village code merged into its township), else 0; $5 its layer; $6 its 1-based index
-- in the layer; $7 its GeoJSON geometry in the layer's CRS; $8 the EPSG code of that CRS; $9 the county code;
-- $10 simplification tolerance of the preview map in degrees (0: none); $11 longest edge of a projected outline
-- before it is transformed, m. One row of JSON lists.
WITH f AS (
  -- projected outlines get vertices every $11 m first: a straight edge of the file stays the same line after the
  -- transformation, so a township vertex on its county's edge stays on it
  SELECT u.lvl, u.code, u.name, u.village, u.layer, u.idx,
         ST_Force2D(ST_Transform(
           CASE WHEN u.srid IN (4490, 4326) THEN ST_SetSRID(ST_GeomFromGeoJSON(u.g), u.srid)
                ELSE ST_Segmentize(ST_SetSRID(ST_GeomFromGeoJSON(u.g), u.srid), $11::float8) END, 4490)) AS geom
  FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::text[], $6::int[], $7::text[], $8::int[])
       AS u(lvl, code, name, village, layer, idx, g, srid)
),
-- every overlay below snaps to a grid of 1e-9° (0.1 mm): the embedded engine's GEOS gives no answer at all for some
-- exact overlays of outlines that share their edges
-- validity of every feature, with the place of the fault
v AS (
  SELECT f.*, d.valid, d.reason, ST_X(d.location) AS lon, ST_Y(d.location) AS lat
  FROM f, LATERAL ST_IsValidDetail(f.geom) d
),
-- the units: valid features of one code dissolved into one outline; a village-named township takes the stored name
units AS (
  SELECT v.lvl, v.code,
         CASE WHEN min(v.village) = 1 THEN coalesce(max(t.name), (array_agg(v.name ORDER BY v.idx))[1])
              ELSE (array_agg(v.name ORDER BY v.village, v.idx))[1] END AS name,
         ST_Multi(ST_CollectionExtract(ST_UnaryUnion(ST_Collect(v.geom), 1e-9), 3)) AS geom,
         count(*)::int AS features
  FROM v LEFT JOIN township t ON t.adcode = $9::char(6) AND t.code = v.code::char(9) AND v.lvl = 'township'
  WHERE v.valid
  GROUP BY v.lvl, v.code
),
towns AS (SELECT code, name, geom FROM units WHERE lvl = 'township'),
town_union AS (SELECT ST_UnaryUnion(ST_Collect(geom), 1e-9) AS geom FROM towns),
-- the county outline: its own feature, else the union of its townships
county_shape AS (
  SELECT coalesce(
    (SELECT geom FROM units WHERE lvl = 'county'),
    (SELECT ST_Multi(ST_CollectionExtract(geom, 3)) FROM town_union)
  ) AS geom,
  EXISTS (SELECT 1 FROM units WHERE lvl = 'county') AS has_own
),
-- the part of each township outside the county outline
town_outside AS (
  SELECT t.code, t.name, ST_CollectionExtract(ST_Difference(t.geom, c.geom, 1e-9), 3) AS geom
  FROM towns t, county_shape c
  WHERE c.has_own AND NOT ST_CoveredBy(t.geom, c.geom)
),
-- the polygonal part of every pair of townships that meet (shared borders give lines, which have no area)
town_overlaps AS (
  SELECT a.code, a.name, b.code AS other_code, b.name AS other_name,
         ST_CollectionExtract(ST_Intersection(a.geom, b.geom, 1e-9), 3) AS geom
  FROM towns a JOIN towns b ON a.code < b.code AND a.geom && b.geom AND ST_Intersects(a.geom, b.geom)
),
-- land of the county no township covers: the county less the townships (holes of the union when the county is
-- their union), each piece on its own
gap_base AS (
  SELECT CASE WHEN c.has_own THEN c.geom
              ELSE (SELECT ST_Collect(ST_MakePolygon(ST_ExteriorRing(d.geom))) FROM ST_Dump(c.geom) d) END AS geom
  FROM county_shape c
  WHERE EXISTS (SELECT 1 FROM towns)
),
gaps AS (
  SELECT d.geom
  FROM gap_base b, town_union u, LATERAL ST_Dump(ST_CollectionExtract(ST_Difference(b.geom, u.geom, 1e-9), 3)) d
),
-- townships of the county today that the file leaves out, with the records that name them
left_out AS (
  SELECT t.code::text AS code, t.name,
         (SELECT count(*) FROM farmland_parcel p WHERE p.adcode = t.adcode AND p.township_code = t.code)
         + (SELECT count(*) FROM monitoring_point m WHERE m.adcode = t.adcode AND m.township_code = t.code) AS records
  FROM township t
  WHERE t.adcode = $9::char(6) AND EXISTS (SELECT 1 FROM towns)
    AND NOT EXISTS (SELECT 1 FROM towns n WHERE n.code = t.code::text)
),
-- the preview map: the outlines, simplified when asked
shown AS (
  SELECT lvl, code, name, features, ST_Area(geom::geography) AS area_m2,
         ST_AsGeoJSON(CASE WHEN $10::float8 > 0 THEN ST_SimplifyPreserveTopology(geom, $10::float8) ELSE geom END, 6)::json AS preview,
         ST_AsGeoJSON(geom, 9) AS full_geojson
  FROM units
)
SELECT
  (SELECT coalesce(json_agg(json_build_object('layer', layer, 'index', idx, 'code', code, 'name', name,
          'reason', reason, 'lon', lon, 'lat', lat) ORDER BY layer, idx), '[]') FROM v WHERE NOT valid) AS invalid,
  (SELECT coalesce(json_agg(json_build_object('level', lvl, 'code', code, 'name', name, 'features', features,
          'areaM2', area_m2, 'preview', preview, 'geojson', full_geojson) ORDER BY lvl, code), '[]') FROM shown) AS units,
  (SELECT ST_AsGeoJSON(geom, 9) FROM county_shape) AS county_geojson,
  (SELECT ST_AsGeoJSON(CASE WHEN $10::float8 > 0 THEN ST_SimplifyPreserveTopology(geom, $10::float8) ELSE geom END, 6)::json
     FROM county_shape) AS county_preview,
  (SELECT ST_Area(geom::geography) FROM county_shape) AS county_area_m2,
  (SELECT json_build_array(ST_XMin(geom), ST_YMin(geom), ST_XMax(geom), ST_YMax(geom)) FROM county_shape) AS bbox,
  (SELECT coalesce(json_agg(json_build_object('code', code, 'name', name, 'areaM2', ST_Area(geom::geography),
          'lon', ST_X(ST_PointOnSurface(geom)), 'lat', ST_Y(ST_PointOnSurface(geom))) ORDER BY code), '[]')
     FROM town_outside WHERE NOT ST_IsEmpty(geom)) AS outside,
  (SELECT coalesce(json_agg(json_build_object('code', code, 'name', name, 'otherCode', other_code, 'otherName', other_name,
          'areaM2', ST_Area(geom::geography), 'lon', ST_X(ST_PointOnSurface(geom)), 'lat', ST_Y(ST_PointOnSurface(geom)))
          ORDER BY code, other_code), '[]')
     FROM town_overlaps WHERE NOT ST_IsEmpty(geom)) AS overlaps,
  (SELECT coalesce(json_agg(json_build_object('areaM2', ST_Area(geom::geography),
          'lon', ST_X(ST_PointOnSurface(geom)), 'lat', ST_Y(ST_PointOnSurface(geom))) ORDER BY ST_Area(geom::geography) DESC), '[]')
     FROM gaps WHERE NOT ST_IsEmpty(geom)) AS gaps,
  (SELECT coalesce(json_agg(json_build_object('code', code, 'name', name, 'records', records) ORDER BY code), '[]')
     FROM left_out) AS left_out,
  (SELECT row_to_json(c) FROM (SELECT name, city, city_code::text AS "cityCode", province FROM county
     WHERE adcode = $9::char(6)) c) AS existing,
  (SELECT row_to_json(c) FROM (SELECT city, city_code::text AS "cityCode" FROM county
     WHERE city_code = (left($9, 4) || '00')::char(6) ORDER BY adcode LIMIT 1) c) AS same_city
