-- $1 import. Stores the number of lines of the plan.
UPDATE land_update SET match_count = (SELECT count(*) FROM land_update_match WHERE import_id = $1)
WHERE import_id = $1
RETURNING match_count
