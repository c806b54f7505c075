-- $1 import id. The import with its county's name.
SELECT i.*, c.name AS county_name
FROM land_import i JOIN county c USING (adcode)
WHERE i.id = $1
