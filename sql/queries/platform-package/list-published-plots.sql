-- The county's published plots as the public registry holds them (published_plot: public fields of the last
-- published version only), with the outline written by PostGIS (CGCS2000 lon/lat, 8 decimals); $1 = adcode.
SELECT p.id, p.adcode::text AS adcode, c.name AS county, c.city, p.code, p.name, p.status, p.risk_level,
       p.former_industry, p.former_industry_note, p.address, p.negative_uses, p.area_m2, p.published_at, p.is_generated,
       ARRAY[ST_XMin(p.geom), ST_YMin(p.geom), ST_XMax(p.geom), ST_YMax(p.geom)] AS bbox,
       ST_AsGeoJSON(p.geom, 8) AS geometry
FROM published_plot p
JOIN county c ON c.adcode = p.adcode
WHERE p.adcode = $1
ORDER BY p.code, p.id
