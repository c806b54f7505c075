-- $1 import. Its polygons that passed the geometry checks, for the overlap check.
INSERT INTO land_import_probe (seq, bsm, geom)
SELECT seq, bsm, geom FROM land_import_feature
WHERE import_id = $1 AND geom IS NOT NULL
  AND NOT problems @> '[{"code": "MISSING_GEOMETRY"}]'::jsonb
  AND NOT problems @> '[{"code": "NOT_POLYGON"}]'::jsonb
  AND NOT problems @> '[{"code": "INVALID_GEOMETRY"}]'::jsonb
