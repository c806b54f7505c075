-- $1 county codes, $2 year, $3 degrees, $4 strictest buckets (null = none), $5 produce outcomes (null = not
-- monitored): the categories of one term; $6 most rows. The accounted parcels of those categories with their
-- measures, and the count and area of all of them (also beyond the limit).
WITH accounted AS (
  -- each row with its measures and the strictest bucket among them (严格管控类 in a published 禁止生产区域)
  SELECT a.*, m.measures,
         CASE WHEN is_in_published_ban_zone(a.adcode, a.parcel_id) THEN 'strict' ELSE
         (SELECT m2.bucket FROM safe_use_measure m2 WHERE m2.adcode = a.adcode AND m2.account_id = a.id
          ORDER BY CASE m2.bucket WHEN 'strict' THEN 3 WHEN 'safe_use' THEN 2 ELSE 1 END DESC LIMIT 1) END AS strictest
  FROM safe_use_account a
  CROSS JOIN LATERAL (
    SELECT coalesce(jsonb_agg(jsonb_build_object('measure', x.measure, 'bucket', x.bucket) ORDER BY x.id), '[]'::jsonb) AS measures
    FROM safe_use_measure x WHERE x.adcode = a.adcode AND x.account_id = a.id
  ) m
  WHERE a.adcode = ANY($1::bpchar[]) AND a.year = $2
),
chosen AS (
  -- the rows of the term's categories
  SELECT DISTINCT ON (a.adcode, a.id) a.*
  FROM accounted a
  JOIN unnest($3::text[], $4::text[], $5::boolean[]) AS c(degree, strictest, produce)
    ON c.degree = a.pollution_degree AND c.strictest IS NOT DISTINCT FROM a.strictest AND c.produce IS NOT DISTINCT FROM a.produce_compliant
)
SELECT ch.id, ch.adcode::text, co.name AS county, ch.year::int, ch.parcel_id, ch.parcel_code, ch.township_code::text,
       t.name AS township, ch.dlbm, ch.pollution_degree AS degree, ch.strictest, ch.area_m2, ch.produce_compliant,
       ch.produce_basis, ch.measures, ch.is_generated,
       count(*) OVER ()::int AS total_count, sum(ch.area_m2) OVER () AS total_area_m2
FROM chosen ch
JOIN county co ON co.adcode = ch.adcode
LEFT JOIN township t ON t.adcode = ch.adcode AND t.code = ch.township_code
ORDER BY ch.adcode, ch.parcel_code
LIMIT $6
