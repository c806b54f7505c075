-- The counts of a 三调 import's report (by land code, township and problem), computed once when its checks end:
-- the staged features do not change afterwards, and counting a city's million features again for every view of
-- the report took seconds. Null for imports checked before this migration (their report counts live).
ALTER TABLE land_import ADD COLUMN report_counts jsonb;
