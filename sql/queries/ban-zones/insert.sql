-- $1 adcode, $2 name, $3 products, $4 basis, $5 announcement number, $6 date, $7 text, $8 outline (GeoJSON),
-- $9 the officer. A new draft with the county's next code (JZ<adcode>-001, -002 …).
INSERT INTO ban_zone (adcode, code, name, products, basis, announcement_no, announcement_date, announcement_text, geom,
                      created_by)
SELECT $1, 'JZ' || $1 || '-' || lpad((coalesce(max(substring(z.code FROM '(\d+)$')::int), 0) + 1)::text, 3, '0'),
       $2, $3::text[], $4::jsonb, $5, $6::date, $7, ST_SetSRID(ST_GeomFromGeoJSON($8::text), 4490), $9
FROM (SELECT $1::bpchar AS adcode) a LEFT JOIN ban_zone z ON z.adcode = a.adcode
RETURNING id, code
