-- $1 list id. The class list's review state, locked for the transition; is_complete says whether its job
-- wrote every entry.
SELECT l.adcode::text, l.id, 'QD-' || l.adcode || '-' || l.id AS code, l.title AS name, l.review_status, l.version,
       l.published_version, l.is_complete, c.name AS county
FROM class_list l JOIN county c USING (adcode)
WHERE l.id = $1
FOR UPDATE OF l
