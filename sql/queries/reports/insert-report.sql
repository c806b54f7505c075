-- $1 adcode, $2 description, $3 contact, $4 photo, $5 photo type, $6 longitude, $7 latitude, $8 client hash,
-- $9 SHA-256 of the tracking code
INSERT INTO public_report (adcode, description, contact, photo, photo_type, geom, client_hash, tracking_hash)
VALUES ($1, $2, $3, $4, $5, ST_SetSRID(ST_MakePoint($6, $7), 4490), $8, $9)
RETURNING id
