-- $1 parcel codes. The farmland parcels of these codes in every county (the caller keeps those it may see), with
-- their published class and what its basis found of the produce.
SELECT p.adcode::text, c.name AS county, p.id, p.code, p.township_code::text, t.name AS township, p.dlbm, p.area_m2,
       p.class AS published_class, p.class_basis->>'cropResult' AS crop_result
FROM farmland_parcel p
JOIN county c ON c.adcode = p.adcode
LEFT JOIN township t ON t.adcode = p.adcode AND t.code = p.township_code
WHERE p.code = ANY($1::text[])
