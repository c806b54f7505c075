-- $1 county code or NULL for all. The published registry (published_plot holds public fields only).
SELECT p.id, p.adcode::text, c.name AS county, c.city, p.code, p.name, p.status, p.risk_level, p.former_industry,
       p.former_industry_note, p.address, p.negative_uses, p.area_m2, p.published_at, p.is_generated,
       ARRAY[ST_XMin(p.geom), ST_YMin(p.geom), ST_XMax(p.geom), ST_YMax(p.geom)] AS bbox
FROM published_plot p JOIN county c USING (adcode)
WHERE $1::text IS NULL OR p.adcode = $1::bpchar
ORDER BY p.adcode, p.code
