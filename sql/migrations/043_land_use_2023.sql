-- A planned use and a negative-list entry may be written in the 2023 用地用海分类 codes (《国土空间调查、规划、用途
-- 管制用地用海分类指南》), whose third level has six digits ('080403' 中小学用地), as well as in GB 50137-2011 codes.
ALTER TABLE precheck ALTER COLUMN planned_use TYPE varchar(6);
ALTER TABLE plot_negative_use ALTER COLUMN use_code TYPE varchar(6);
