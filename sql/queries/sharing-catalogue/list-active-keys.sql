-- The data sharing keys in force now (neither revoked nor expired) that open some county of $1: holder, kind,
-- expiry, the collections they open and the names of their counties among $1.
SELECT k.holder, k.holder_kind, k.expires_at, k.collections,
       (SELECT array_agg(c.name ORDER BY c.adcode) FROM county c
        WHERE c.adcode = ANY (k.adcodes) AND c.adcode = ANY ($1::bpchar[])) AS county_names
FROM ogc_access_key k
WHERE k.revoked_at IS NULL AND k.expires_at > now()
  AND k.adcodes && $1::bpchar[]
ORDER BY k.holder, k.expires_at, k.id
