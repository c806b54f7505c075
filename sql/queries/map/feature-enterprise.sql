SELECT e.id, e.adcode::text, e.credit_code, e.name, e.industry, e.industry_other, e.status, e.area_m2, e.is_generated, c.name AS county, c.city,
       ARRAY[ST_XMin(e.geom), ST_YMin(e.geom), ST_XMax(e.geom), ST_YMax(e.geom)] AS bbox
FROM supervised_enterprise e JOIN county c USING (adcode)
WHERE e.id = $1
