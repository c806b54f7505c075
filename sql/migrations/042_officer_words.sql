-- The sources of two local plan targets carried a working note ("议题给出") that reached the indicator page; an
-- officer reads only that the original text is still to be checked.
UPDATE indicator_target SET source = replace(source, '（议题给出，原文待核实）', '（原文待核实）')
WHERE source LIKE '%议题给出%';

-- The written explanation of a class list whose 优先保护类 area is smaller than the published classes' (the plans
-- hold that this area must not fall): required on 提交审定, shown to the approver.
ALTER TABLE class_list ADD COLUMN priority_fall_explanation text
  CHECK (priority_fall_explanation IS NULL OR length(priority_fall_explanation) BETWEEN 1 AND 2000);
