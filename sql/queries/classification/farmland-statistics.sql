-- $1 county codes. Published parcels and area per county, township and class.
SELECT p.adcode::text, c.name AS county, coalesce(p.township_code, '') AS township_code, t.name AS township,
       p.class, count(*)::int AS count, sum(p.area_m2) AS area_m2
FROM farmland_parcel p JOIN county c USING (adcode)
LEFT JOIN township t ON t.adcode = p.adcode AND t.code = p.township_code
WHERE p.adcode = ANY($1::bpchar[])
GROUP BY 1, 2, 3, 4, 5
ORDER BY 1, 3, 5
