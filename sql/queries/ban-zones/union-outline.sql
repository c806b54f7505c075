-- $1 adcode, $2 parcel ids, $3 drawn outline (GeoJSON, EPSG:4490) or null. The zone's outline: the union of the
-- parcels' outlines and the drawn one, as GeoJSON, with its area.
WITH u AS (
  SELECT ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_Union(g)), 3)) AS geom
  FROM (
    SELECT p.geom AS g FROM farmland_parcel p WHERE p.adcode = $1 AND p.id = ANY($2::bigint[])
    UNION ALL
    SELECT ST_SetSRID(ST_GeomFromGeoJSON($3::text), 4490) WHERE $3::text IS NOT NULL
  ) parts
)
SELECT ST_AsGeoJSON(geom, 9)::json AS geometry, ST_Area(geom::geography) AS area_m2 FROM u
