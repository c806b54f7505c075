-- $1 list id. The list, locked while one of its entries is changed.
SELECT l.id, l.adcode::text, c.name AS county, l.title, l.review_status, l.is_complete, l.version
FROM class_list l JOIN county c USING (adcode)
WHERE l.id = $1
FOR UPDATE OF l
