-- 原行业类别 其他 in the published registry: the officer's words for the industry (contaminated_plot.
-- former_industry_note) are copied at publish time, as every other public field is, so the public reads
-- 其他（木材加工） and never a note typed after publishing.
ALTER TABLE published_plot ADD COLUMN former_industry_note text
  CHECK (former_industry_note IS NULL OR length(former_industry_note) BETWEEN 1 AND 100);

-- Copies published before this column: the plot's note is what was published only if no change recorded since
-- the publication touched the industry or its note (every edit of a plot writes change_history in the same
-- transaction). Where one did, the published note is not known and stays NULL (the public reads 其他) until the
-- plot is published again.
UPDATE published_plot pp SET former_industry_note = p.former_industry_note
FROM contaminated_plot p
WHERE p.adcode = pp.adcode AND p.id = pp.id
  AND pp.former_industry = 'other' AND p.former_industry = 'other'
  AND NOT EXISTS (
    SELECT 1 FROM change_history h
    WHERE h.adcode = pp.adcode AND h.entity = 'contaminated_plot' AND h.entity_id = pp.id
      AND h.changed_at >= pp.published_at
      AND ((h.before ->> 'formerIndustryNote') IS DISTINCT FROM (h.after ->> 'formerIndustryNote')
           OR (h.before ->> 'formerIndustry') IS DISTINCT FROM (h.after ->> 'formerIndustry')));
