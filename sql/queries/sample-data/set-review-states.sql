-- $1 adcode. Sample review states, fixed by code so every run is the same: most plots are published, some
-- wait for approval (已提交), some are drafts; the second control zone (where there is one) waits for approval, the rest are published.
WITH plots AS (
  UPDATE contaminated_plot SET review_status = CASE
      WHEN right(code, 1) IN ('3', '7') THEN 'submitted'
      WHEN right(code, 1) = '5' THEN 'draft'
      ELSE 'published' END
  WHERE adcode = $1
  RETURNING id
)
UPDATE control_zone SET review_status = CASE WHEN right(code, 3) = '002' THEN 'submitted' ELSE 'published' END
WHERE adcode = $1
