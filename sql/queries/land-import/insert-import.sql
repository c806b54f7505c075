-- A new land import of county $1, before its features are read.
INSERT INTO land_import (adcode, kind, file_name, file_format, layer_name, detected_epsg, crs_reason, crs_epsg,
  is_crs_override, encoding, encoding_reason, field_map, farmland_codes, settings, created_by)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
RETURNING id
