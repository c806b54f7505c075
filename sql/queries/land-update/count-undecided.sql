-- $1 import. Conflicts without a decision.
SELECT count(*)::integer AS undecided FROM land_update_match WHERE import_id = $1 AND is_conflict AND decision IS NULL
