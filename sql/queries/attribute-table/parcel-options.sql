-- The values the filters of the parcel attribute table offer: each county of $1 (the caller's scope) with its
-- townships, and the land codes its parcels carry.
SELECT c.adcode::text AS adcode, c.name,
       coalesce((SELECT json_agg(json_build_object('code', t.code::text, 'name', t.name) ORDER BY t.code)
                 FROM township t WHERE t.adcode = c.adcode), '[]') AS townships,
       coalesce((SELECT array_agg(DISTINCT p.dlbm::text ORDER BY p.dlbm::text)
                 FROM farmland_parcel p WHERE p.adcode = c.adcode), '{}') AS land_codes
FROM county c
WHERE c.adcode = ANY ($1::bpchar[])
ORDER BY c.adcode
