-- $1 code prefix of the jurisdiction, $2 plot states of the list. The published plots on the list (public fields
-- and the stored negative-list lines). Only published_plot is read: a draft or unreviewed change never gets in.
SELECT p.code, p.name, p.adcode::text, c.city || ' ' || c.name AS county, p.status, p.risk_level, p.address, p.area_m2,
       p.negative_uses
FROM published_plot p JOIN county c USING (adcode)
WHERE p.adcode LIKE $1 || '%' AND p.status = ANY($2::text[])
ORDER BY p.code
