-- Replaces a county's 饮用水水源保护区 with those of a file (after check-zones found every feature fit), in one
-- statement: the old zones go, the new ones are transformed as checked and cut to the county. $1 the county code;
-- $2 feature indexes; $3 GeoJSON geometries in the layer's CRS; $4 its EPSG code; $5 segment length, m; $6 source
-- names; $7 kinds of source; $8 levels; $9 批复文号 (null when none); $10 file name; $11 the importing user.
WITH gone AS (
  DELETE FROM water_source_zone WHERE adcode = $1::char(6) RETURNING id
),
f AS (
  SELECT u.idx, u.name, u.stype, u.lvl, u.approval,
         ST_Force2D(ST_Transform(
           CASE WHEN $4::int IN (4490, 4326) THEN ST_SetSRID(ST_GeomFromGeoJSON(u.g), $4::int)
                ELSE ST_Segmentize(ST_SetSRID(ST_GeomFromGeoJSON(u.g), $4::int), $5::float8) END, 4490)) AS geom
  FROM unnest($2::int[], $3::text[], $6::text[], $7::text[], $8::text[], $9::text[])
       AS u(idx, g, name, stype, lvl, approval)
),
-- each zone's part inside the county (a zone along a river may run on into the next county)
cut AS (
  SELECT f.*, CASE WHEN ST_CoveredBy(f.geom, k.geom) THEN ST_Multi(f.geom)
                   ELSE ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_Intersection(f.geom, k.geom, 1e-9)), 3)) END AS inside
  FROM f, county k
  WHERE k.adcode = $1::char(6)
),
added AS (
  INSERT INTO water_source_zone (adcode, source_name, source_type, level, approval_no, geom, file_name, feature_index,
                                 imported_by)
  SELECT $1::char(6), name, stype, lvl, approval, inside, $10, idx, $11
  FROM cut
  WHERE NOT ST_IsEmpty(inside)
  RETURNING id
)
SELECT (SELECT count(*) FROM gone)::int AS removed, (SELECT count(*) FROM added)::int AS added
