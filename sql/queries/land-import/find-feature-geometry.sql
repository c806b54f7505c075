-- $1 import, $2 feature (seq). The outline of one staged feature as GeoJSON (EPSG:4490) for the map.
SELECT seq, bsm, dlbm, ST_AsGeoJSON(geom, 7)::json AS geometry
FROM land_import_feature
WHERE import_id = $1 AND seq = $2
