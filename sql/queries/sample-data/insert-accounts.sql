-- $1 adcode; accounting rows: $2 parcel codes, $3 years, $4 pollution degrees, $5 produce compliant, $6 produce basis;
-- measures: $7 parcel codes, $8 years, $9 measure names, $10 buckets. Parcels not loaded (outside the county) are
-- left out; area, township and land code are the parcel's at loading time.
WITH a AS (
  INSERT INTO safe_use_account (adcode, year, parcel_id, parcel_code, township_code, dlbm, pollution_degree, area_m2,
                                produce_compliant, produce_basis, is_generated, created_by)
  SELECT $1, s.year, p.id, p.code, p.township_code, p.dlbm, s.degree, p.area_m2, s.compliant, s.basis, true, 'sample-data'
  FROM unnest($2::text[], $3::int[], $4::text[], $5::boolean[], $6::text[]) AS s(code, year, degree, compliant, basis)
  JOIN farmland_parcel p ON p.adcode = $1 AND p.code = s.code
  RETURNING id, parcel_code, year
)
INSERT INTO safe_use_measure (adcode, account_id, measure, bucket, is_generated)
SELECT $1, a.id, m.measure, m.bucket, true
FROM unnest($7::text[], $8::int[], $9::text[], $10::text[]) AS m(code, year, measure, bucket)
JOIN a ON a.parcel_code = m.code AND a.year = m.year
