-- $1 GeoJSON outlines (shape and range already checked, 2D); $2 the county code of each, or null for the county
-- holding most of it; $3 whether each is measured beyond validity (within the vertex limit); $4 JSON array with,
-- for each outline, the parcel ids it leaves out of the overlap (itself); $5 measure size; $6 measure overlaps.
-- One row per outline, in the order given.
WITH o AS (
  SELECT u.n, ST_SetSRID(ST_GeomFromGeoJSON(u.g), 4490) AS geom, u.a AS adcode, u.m AS measure
  FROM unnest($1::text[], $2::text[], $3::boolean[]) WITH ORDINALITY AS u(g, a, m, n)
),
-- validity of every outline, with the place of the fault
v AS (
  SELECT o.n, o.geom, o.adcode, o.measure, d.valid, d.reason, ST_X(d.location) AS lon, ST_Y(d.location) AS lat
  FROM o, LATERAL ST_IsValidDetail(o.geom) d
),
-- the outlines measured further: valid and within the vertex limit
ok AS (SELECT n, geom, adcode FROM v WHERE valid AND measure),
-- area on the ellipsoid and width: twice the radius of the largest inscribed circle, in Web Mercator scaled back
-- by cos(latitude) of the circle's centre
size AS (
  SELECT ok.n, ST_Area(ok.geom::geography) AS area_m2,
         2 * c.radius * cos(radians(ST_Y(ST_Transform(c.center, 4490)))) AS width_m,
         ST_X(ST_Transform(c.center, 4490)) AS size_lon, ST_Y(ST_Transform(c.center, 4490)) AS size_lat
  FROM ok, LATERAL ST_MaximumInscribedCircle(ST_Transform(ok.geom, 3857)) c
  WHERE $5::boolean
),
-- the county: the one given, else the one with the largest share of the outline
owner AS (
  SELECT DISTINCT ON (ok.n) ok.n, c.adcode::text AS county_adcode, c.name AS county_name, ST_Difference(ok.geom, c.geom) AS outside
  FROM ok JOIN county c
    ON (ok.adcode IS NOT NULL AND c.adcode = ok.adcode::char(6))
    OR (ok.adcode IS NULL AND c.geom && ok.geom AND ST_Intersects(c.geom, ok.geom))
  ORDER BY ok.n, ST_Area(ST_Intersection(c.geom, ok.geom)::geography) DESC
),
-- the polygonal part of each intersection with a stored parcel (shared edges give lines, which have no area)
hits AS (
  SELECT ok.n, p.code, ST_CollectionExtract(ST_Intersection(p.geom, ok.geom), 3) AS geom
  FROM ok JOIN farmland_parcel p ON p.geom && ok.geom AND ST_Intersects(p.geom, ok.geom)
  WHERE $6::boolean
    AND NOT (p.id = ANY (ARRAY(SELECT jsonb_array_elements_text(coalesce($4::jsonb -> (ok.n::int - 1), '[]'::jsonb))::bigint)))
),
-- every overlap of an outline, largest first
found AS (
  SELECT n, json_agg(json_build_object(
           'code', code, 'overlap_m2', ST_Area(geom::geography),
           'lon', ST_X(ST_PointOnSurface(geom)), 'lat', ST_Y(ST_PointOnSurface(geom)), 'geometry', ST_AsGeoJSON(geom, 8)::json
         ) ORDER BY ST_Area(geom::geography) DESC) AS list
  FROM hits
  WHERE NOT ST_IsEmpty(geom)
  GROUP BY n
)
SELECT v.n::int AS n, v.valid, v.reason, v.lon, v.lat,
       size.area_m2, size.width_m, size.size_lon, size.size_lat,
       owner.county_adcode, owner.county_name,
       coalesce(ST_Area(owner.outside::geography), 0) AS outside_m2,
       CASE WHEN NOT ST_IsEmpty(owner.outside) THEN ST_X(ST_PointOnSurface(owner.outside)) END AS outside_lon,
       CASE WHEN NOT ST_IsEmpty(owner.outside) THEN ST_Y(ST_PointOnSurface(owner.outside)) END AS outside_lat,
       coalesce(found.list, '[]'::json) AS overlap_list
FROM v
LEFT JOIN size ON size.n = v.n
LEFT JOIN owner ON owner.n = v.n
LEFT JOIN found ON found.n = v.n
ORDER BY v.n
