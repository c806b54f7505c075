-- $1 adcode, $2 credit codes, $3 names, $4 industries, $5 statuses, $6 WKT site outlines
INSERT INTO supervised_enterprise (adcode, credit_code, name, industry, status, geom, is_generated)
SELECT $1, credit_code, name, industry, status, ST_GeomFromText(wkt, 4490), true
FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) AS s(credit_code, name, industry, status, wkt)
