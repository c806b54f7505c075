-- $1 report id. The photo and the county it belongs to (for the scope check).
SELECT r.adcode::text, c.name AS county, r.photo, r.photo_type
FROM public_report r JOIN county c USING (adcode)
WHERE r.id = $1
