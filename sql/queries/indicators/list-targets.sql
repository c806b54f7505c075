-- Every target of every jurisdiction and indicator.
SELECT id, jurisdiction::text, indicator, year::int, target_pct, comparator, source, confidence, version, updated_by, updated_at
FROM indicator_target
ORDER BY indicator, jurisdiction, year
