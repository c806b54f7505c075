-- $1 adcode. The county's name and how many parcels it has.
SELECT c.adcode::text, c.name,
       (SELECT count(*)::int FROM farmland_parcel p WHERE p.adcode = c.adcode) AS parcels
FROM county c
WHERE c.adcode = $1
