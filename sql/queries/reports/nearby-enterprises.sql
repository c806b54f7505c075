-- $1 adcode, $2 report id, $3 distance in metres. Supervised enterprises of the report's county whose site lies
-- within the distance of the reported point, nearest first.
SELECT e.id, e.name, e.industry, e.industry_other, e.status, ST_Distance(e.geom::geography, r.geom::geography) AS distance_m
FROM public_report r
JOIN supervised_enterprise e ON e.adcode = r.adcode
WHERE r.adcode = $1 AND r.id = $2 AND ST_DWithin(e.geom::geography, r.geom::geography, $3)
ORDER BY distance_m, e.id
LIMIT 50
