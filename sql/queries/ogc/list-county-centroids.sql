-- The longitude of the centroid of each county's outline: the central meridian of the county's 3° Gauss-Krüger CRS
-- is the multiple of 3° nearest to it.
SELECT c.adcode::text AS adcode, ST_X(ST_Centroid(c.geom)) AS lon FROM county c ORDER BY c.adcode
