-- $1 import. A feature with any problem of severity error is refused.
UPDATE land_import_feature f
SET is_refused = f.problems @> '[{"severity": "error"}]'::jsonb
WHERE f.import_id = $1
