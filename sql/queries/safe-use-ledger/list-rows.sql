-- $1 county code, $2 year, $3 most rows; filters (null = any): $4 degree, $5 township code, $6 produce ('met',
-- 'exceeded', 'none'), $7 measure name, $8 part of the parcel code, $9 row id. The ledger's rows with their measures
-- and the parcel's published class, whether a published 禁止生产区域 holds the parcel, and the count and area of all rows matching (also beyond the limit).
SELECT a.id, a.adcode::text, a.year::int, a.parcel_id, a.parcel_code, a.township_code::text, t.name AS township, a.dlbm,
       a.pollution_degree AS degree, a.degree_reason, a.area_m2, a.implementer, a.implemented_from::text,
       a.implemented_to::text, a.produce_compliant, a.produce_source, a.produce_basis, a.note, a.is_generated,
       a.version, a.updated_by, a.updated_at, p.class AS published_class, p.class_basis->>'cropResult' AS crop_result,
       m.measures, is_in_published_ban_zone(a.adcode, a.parcel_id) AS is_in_ban_zone,
       count(*) OVER ()::int AS total_count, coalesce(sum(a.area_m2) OVER (), 0) AS total_area_m2
FROM safe_use_account a
LEFT JOIN farmland_parcel p ON p.adcode = a.adcode AND p.id = a.parcel_id
LEFT JOIN township t ON t.adcode = a.adcode AND t.code = a.township_code
CROSS JOIN LATERAL (
  -- the measures in the order they were applied
  SELECT coalesce(jsonb_agg(jsonb_build_object('name', x.measure, 'bucket', x.bucket) ORDER BY x.id), '[]'::jsonb) AS measures
  FROM safe_use_measure x WHERE x.adcode = a.adcode AND x.account_id = a.id
) m
WHERE a.adcode = $1 AND a.year = $2
  AND ($4::text IS NULL OR a.pollution_degree = $4)
  AND ($5::text IS NULL OR a.township_code = $5)
  AND ($6::text IS NULL OR CASE $6 WHEN 'met' THEN a.produce_compliant WHEN 'exceeded' THEN NOT a.produce_compliant
                                   ELSE a.produce_compliant IS NULL END)
  AND ($7::text IS NULL OR EXISTS (SELECT 1 FROM safe_use_measure x WHERE x.adcode = a.adcode AND x.account_id = a.id AND x.measure = $7))
  AND ($8::text IS NULL OR strpos(a.parcel_code, $8) > 0)
  AND ($9::bigint IS NULL OR a.id = $9)
ORDER BY a.township_code NULLS LAST, a.parcel_code
LIMIT $3
