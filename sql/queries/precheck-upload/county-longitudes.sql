-- the counties of the caller's scope with the longitude of a point inside each (for their 3° central meridian)
SELECT adcode, name, ST_X(ST_PointOnSurface(geom)) AS lon
FROM county
WHERE adcode = ANY ($1::text[])
ORDER BY adcode;
