-- $1 plot codes: every plot with one of the codes, in any county, with its review state; locked so no one edits
-- them while the import writes.
SELECT p.id, p.adcode::text, k.name AS county, p.code, p.name, p.review_status, p.version
FROM contaminated_plot p JOIN county k ON k.adcode = p.adcode
WHERE p.code = ANY ($1::text[])
ORDER BY p.code, p.adcode
FOR UPDATE OF p
