-- $1 import. The annual update of the import, with its county's name.
SELECT u.*, c.name AS county_name
FROM land_update u JOIN county c ON c.adcode = u.adcode
WHERE u.import_id = $1
