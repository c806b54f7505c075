-- $1 contains-pattern (%q%, wildcards escaped), $2 prefix-pattern (q%), $3 limit per kind.
-- Public search: counties and townships by name or code, and only the PUBLISHED plots and control zones.
(SELECT 'county' AS kind, NULL::bigint AS id, c.adcode::text AS code, c.name, c.city || ' ' || c.province AS context,
        ARRAY[ST_XMin(c.geom), ST_YMin(c.geom), ST_XMax(c.geom), ST_YMax(c.geom)] AS bbox, 0 AS rank
 FROM county c WHERE c.name LIKE $1 OR c.adcode LIKE $2 ORDER BY c.adcode LIMIT $3)
UNION ALL
(SELECT 'township', NULL, t.code::text, t.name, c.city || ' ' || c.name,
        ARRAY[ST_XMin(t.geom), ST_YMin(t.geom), ST_XMax(t.geom), ST_YMax(t.geom)], 1
 FROM township t JOIN county c USING (adcode)
 WHERE (t.name LIKE $1 OR t.code LIKE $2) AND t.geom IS NOT NULL ORDER BY t.code LIMIT $3)
UNION ALL
(SELECT 'control-zone', z.id, z.code, z.name, c.city || ' ' || c.name,
        ARRAY[ST_XMin(z.geom), ST_YMin(z.geom), ST_XMax(z.geom), ST_YMax(z.geom)], 2
 FROM published_control_zone z JOIN county c USING (adcode)
 WHERE z.name LIKE $1 OR z.code LIKE $1 ORDER BY z.code LIMIT $3)
UNION ALL
(SELECT 'plot', p.id, p.code, p.name, c.city || ' ' || c.name,
        ARRAY[ST_XMin(p.geom), ST_YMin(p.geom), ST_XMax(p.geom), ST_YMax(p.geom)], 3
 FROM published_plot p JOIN county c USING (adcode)
 WHERE p.name LIKE $1 OR p.code LIKE $1 ORDER BY p.code LIMIT $3)
ORDER BY rank, code
