-- The counties of $1 (the caller's scope) with their townships, for the filters of an attribute table.
SELECT c.adcode::text AS adcode, c.name,
       coalesce((SELECT json_agg(json_build_object('code', t.code::text, 'name', t.name) ORDER BY t.code)
                 FROM township t WHERE t.adcode = c.adcode), '[]') AS townships
FROM county c
WHERE c.adcode = ANY ($1::bpchar[])
ORDER BY c.adcode
