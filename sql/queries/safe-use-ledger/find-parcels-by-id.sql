-- $1 parcel ids. The farmland parcels of these ids in every county, as find-parcels gives them.
SELECT p.adcode::text, c.name AS county, p.id, p.code, p.township_code::text, t.name AS township, p.dlbm, p.area_m2,
       p.class AS published_class, p.class_basis->>'cropResult' AS crop_result
FROM farmland_parcel p
JOIN county c ON c.adcode = p.adcode
LEFT JOIN township t ON t.adcode = p.adcode AND t.code = p.township_code
WHERE p.id = ANY($1::bigint[])
