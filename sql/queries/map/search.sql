-- $1 contains-pattern (%q%, wildcards escaped), $2 prefix-pattern (q%), $3 limit per kind, $4 county codes
-- of the user's scope (parcels and plots are internal; county and township names are public).
-- Counties and townships by name or code, parcels by code prefix, plots and monitoring points by name or code.
(SELECT 'county' AS kind, NULL::bigint AS id, c.adcode::text AS code, c.name, c.city || ' ' || c.province AS context,
        ARRAY[ST_XMin(c.geom), ST_YMin(c.geom), ST_XMax(c.geom), ST_YMax(c.geom)] AS bbox, 0 AS rank
 FROM county c WHERE c.name LIKE $1 OR c.adcode LIKE $2 ORDER BY c.adcode LIMIT $3)
UNION ALL
(SELECT 'township', NULL, t.code::text, t.name, c.city || ' ' || c.name,
        ARRAY[ST_XMin(t.geom), ST_YMin(t.geom), ST_XMax(t.geom), ST_YMax(t.geom)], 1
 FROM township t JOIN county c USING (adcode)
 WHERE (t.name LIKE $1 OR t.code LIKE $2) AND t.geom IS NOT NULL ORDER BY t.code LIMIT $3)
UNION ALL
(SELECT 'parcel', p.id, p.code, '耕地图斑 ' || p.code, c.city || ' ' || c.name,
        ARRAY[ST_XMin(p.geom), ST_YMin(p.geom), ST_XMax(p.geom), ST_YMax(p.geom)], 2
 FROM farmland_parcel p JOIN county c USING (adcode)
 WHERE p.code LIKE $2 AND p.adcode = ANY($4::bpchar[]) ORDER BY p.code LIMIT $3)
UNION ALL
(SELECT 'plot', p.id, p.code, p.name, c.city || ' ' || c.name,
        ARRAY[ST_XMin(p.geom), ST_YMin(p.geom), ST_XMax(p.geom), ST_YMax(p.geom)], 3
 FROM contaminated_plot p JOIN county c USING (adcode)
 WHERE (p.name LIKE $1 OR p.code LIKE $2) AND p.adcode = ANY($4::bpchar[]) ORDER BY p.code LIMIT $3)
UNION ALL
(SELECT 'point', m.id, m.code, m.name, c.city || ' ' || c.name,
        ARRAY[ST_X(m.geom), ST_Y(m.geom), ST_X(m.geom), ST_Y(m.geom)], 4
 FROM monitoring_point m JOIN county c USING (adcode)
 WHERE (m.name LIKE $1 OR m.code LIKE $2) AND m.adcode = ANY($4::bpchar[]) ORDER BY m.code LIMIT $3)
ORDER BY rank, code
