-- $1 adcode, $2 codes, $3 names, $4 statuses, $5 risk levels, $6 former industries, $7 land users, $8 addresses,
-- $9 contacts, $10 WKT outlines
INSERT INTO contaminated_plot (adcode, code, name, status, risk_level, former_industry, land_user, address, contact, geom, is_generated)
SELECT $1, code, name, status, risk_level, former_industry, land_user, address, contact, ST_GeomFromText(wkt, 4490), true
FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[])
     AS s(code, name, status, risk_level, former_industry, land_user, address, contact, wkt)
