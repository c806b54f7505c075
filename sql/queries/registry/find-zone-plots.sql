-- $1 plot ids, $2 zone outline (GeoJSON, valid). Each plot asked for, its county, state and whether the zone covers
-- any of it.
SELECT p.id, p.adcode::text, c.name AS county_name, p.code, p.name, p.status,
       ST_Intersects(p.geom, ST_SetSRID(ST_GeomFromGeoJSON($2), 4490)) AS is_in_zone
FROM contaminated_plot p JOIN county c USING (adcode)
WHERE p.id = ANY($1::bigint[])
