-- $1 county code, $2 year, $3 most rows. The ledger's rows with the published class of their parcel (null when the
-- parcel is gone), and the parcels published as 安全利用类 or 严格管控类 that the ledger does not list.
SELECT * FROM (
  SELECT a.id, a.parcel_id, a.parcel_code, a.pollution_degree AS degree, a.degree_reason, a.area_m2, a.is_generated,
         p.class AS published_class, true AS is_in_ledger
  FROM safe_use_account a
  LEFT JOIN farmland_parcel p ON p.adcode = a.adcode AND p.id = a.parcel_id
  WHERE a.adcode = $1 AND a.year = $2
  UNION ALL
  SELECT NULL, p.id, p.code, NULL, NULL, p.area_m2, false, p.class, false
  FROM farmland_parcel p
  WHERE p.adcode = $1 AND p.class IN ('safe_use', 'strict')
    AND NOT EXISTS (SELECT 1 FROM safe_use_account a WHERE a.adcode = $1 AND a.year = $2 AND a.parcel_code = p.code)
) q
ORDER BY parcel_code
LIMIT $3
