-- The keys whose counties all lie in the administrator's scope ($1 county codes), newest first, with the names of
-- their counties, the administrator who issued them and how often they were used. $2 one key's id or NULL.
SELECT k.id, k.key_prefix, k.holder, k.holder_kind, k.collections, k.adcodes::text[] AS adcodes,
       k.expires_at, k.note, k.created_at, k.revoked_at,
       coalesce(cu.display_name, k.created_by) AS created_by,
       coalesce(ru.display_name, k.revoked_by) AS revoked_by,
       (SELECT array_agg(c.name ORDER BY c.adcode) FROM county c WHERE c.adcode = ANY (k.adcodes)) AS county_names,
       u.uses, u.last_used_at
FROM ogc_access_key k
LEFT JOIN app_user cu ON cu.username = k.created_by
LEFT JOIN app_user ru ON ru.username = k.revoked_by
CROSS JOIN LATERAL (
  SELECT count(*)::int AS uses, max(used_at) AS last_used_at FROM ogc_key_use WHERE key_id = k.id
) u
WHERE k.adcodes <@ $1::bpchar[]
  AND ($2::bigint IS NULL OR k.id = $2::bigint)
ORDER BY k.created_at DESC, k.id DESC
