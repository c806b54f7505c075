-- $1 adcode, $2 year, $3 seq, $4 number, $5 name, $6 reference, $7 planned use, $8 land class, $9 verdict,
-- $10 reasons, $11 data version, $12 GeoJSON (EPSG:4490), $13 rerun of, $14 officer, $15 officer's name.
INSERT INTO precheck (adcode, year, seq, number, name, reference, planned_use, land_class, verdict, reasons, data_version,
                      geom, rerun_of, checked_by, checked_by_name)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11::jsonb, ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON($12), 4490)),
        $13, $14, $15)
RETURNING id
