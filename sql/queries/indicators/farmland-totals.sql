-- $1 county codes, $2 year. Accounted area and parcels per county and category (pollution degree, strictest bucket
-- of the measures applied, produce outcome); the domain decides which term each category counts in.
WITH accounted AS (
  -- the strictest bucket of each parcel's measures (null = no measure); a parcel in a published 禁止生产区域 is
  -- under 严格管控类措施
  SELECT a.adcode, a.pollution_degree, a.produce_compliant, a.area_m2,
         CASE WHEN is_in_published_ban_zone(a.adcode, a.parcel_id) THEN 'strict' ELSE
         (SELECT m.bucket FROM safe_use_measure m WHERE m.adcode = a.adcode AND m.account_id = a.id
          ORDER BY CASE m.bucket WHEN 'strict' THEN 3 WHEN 'safe_use' THEN 2 ELSE 1 END DESC LIMIT 1) END AS strictest
  FROM safe_use_account a
  WHERE a.adcode = ANY($1::bpchar[]) AND a.year = $2
)
SELECT adcode::text, pollution_degree AS degree, strictest, produce_compliant, count(*)::int AS count, sum(area_m2) AS area_m2
FROM accounted
GROUP BY 1, 2, 3, 4
ORDER BY 1, 2, 3, 4
