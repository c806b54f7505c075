-- The load finished: every county of the plan is in
UPDATE sample_data_load SET completed_at = now() WHERE completed_at IS NULL
