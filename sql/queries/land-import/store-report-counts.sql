-- $1 import, $2 its report counts (report-counts.sql's row as JSON), stored when the checks end.
UPDATE land_import SET report_counts = $2::jsonb WHERE id = $1
