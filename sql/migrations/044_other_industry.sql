-- 原行业类别 其他: a plot whose former industry is none of the listed ones says which it was, in the officer's words.
ALTER TABLE contaminated_plot ADD COLUMN former_industry_note text
  CHECK (former_industry_note IS NULL OR length(former_industry_note) BETWEEN 1 AND 100);
ALTER TABLE contaminated_plot ADD CONSTRAINT contaminated_plot_other_industry_noted
  CHECK (former_industry IS DISTINCT FROM 'other' OR former_industry_note IS NOT NULL);
