-- $1 county codes of the user's scope, $2 review statuses wanted, $3 limit. Plots, control zones, complete
-- class lists, safe-use ledgers past their draft, and
-- 禁止生产区域 in review.
SELECT * FROM (
  SELECT 'plot' AS kind, p.id, p.adcode::text, c.name AS county, p.code, p.name, p.review_status, p.review_reason,
         p.version, p.published_version, p.updated_at
  FROM contaminated_plot p JOIN county c USING (adcode)
  WHERE p.adcode = ANY($1::bpchar[]) AND p.review_status = ANY($2::text[])
  UNION ALL
  SELECT 'control-zone', z.id, z.adcode::text, c.name, z.code, z.name, z.review_status, z.review_reason,
         z.version, z.published_version, z.updated_at
  FROM control_zone z JOIN county c USING (adcode)
  WHERE z.adcode = ANY($1::bpchar[]) AND z.review_status = ANY($2::text[])
  UNION ALL
  SELECT 'class-list', l.id, l.adcode::text, c.name, 'QD-' || l.adcode || '-' || l.id, l.title, l.review_status,
         l.review_reason, l.version, l.published_version, l.updated_at
  FROM class_list l JOIN county c USING (adcode)
  WHERE l.adcode = ANY($1::bpchar[]) AND l.review_status = ANY($2::text[]) AND l.is_complete
  UNION ALL
  SELECT 'safe-use-ledger', s.id, s.adcode::text, c.name, 'TZ-' || s.adcode || '-' || s.year,
         c.name || ' ' || s.year || ' 年受污染耕地安全利用台账', s.review_status, s.review_reason, s.version,
         s.published_version, s.updated_at
  FROM safe_use_ledger s JOIN county c USING (adcode)
  WHERE s.adcode = ANY($1::bpchar[]) AND s.review_status = ANY($2::text[]) AND s.review_status <> 'draft'
    AND EXISTS (SELECT 1 FROM safe_use_account a WHERE a.adcode = s.adcode AND a.year = s.year)
  UNION ALL
  SELECT 'ban-zone', b.id, b.adcode::text, c.name, b.code, b.name, b.review_status, b.review_reason,
         b.version, b.published_version, b.updated_at
  FROM ban_zone b JOIN county c USING (adcode)
  WHERE b.adcode = ANY($1::bpchar[]) AND b.review_status = ANY($2::text[])
) q
ORDER BY updated_at DESC, code
LIMIT $3
