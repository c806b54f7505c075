-- $1 contains-pattern (%q%), $2 prefix-pattern (q%), $3 exact pattern (q), all with LIKE wildcards escaped; $4 limit
-- per kind. Public search: counties and townships, and only the PUBLISHED plots and control zones. Any part of a name
-- or code matches, ignoring case. match: 0 exact, 1 prefix, 2 elsewhere; total counts every hit of the kind before the
-- limit. Kinds come in the order of their best match, then county, township, zone, plot; inside a kind, best match
-- first, then by code.
WITH hit AS (
  (SELECT 'county' AS kind, 0 AS kind_order, NULL::bigint AS id, c.adcode::text AS code, c.name,
          c.city || ' ' || c.province AS context,
          ARRAY[ST_XMin(c.geom), ST_YMin(c.geom), ST_XMax(c.geom), ST_YMax(c.geom)] AS bbox,
          CASE WHEN c.adcode ILIKE $3 OR c.name ILIKE $3 THEN 0 WHEN c.adcode ILIKE $2 OR c.name ILIKE $2 THEN 1 ELSE 2 END
            AS match,
          count(*) OVER () AS total
   FROM county c WHERE c.name ILIKE $1 OR c.adcode ILIKE $1 ORDER BY match, code LIMIT $4)
  UNION ALL
  (SELECT 'township', 1, NULL, t.code::text AS code, t.name, c.city || ' ' || c.name,
          ARRAY[ST_XMin(t.geom), ST_YMin(t.geom), ST_XMax(t.geom), ST_YMax(t.geom)],
          CASE WHEN t.code ILIKE $3 OR t.name ILIKE $3 THEN 0 WHEN t.code ILIKE $2 OR t.name ILIKE $2 THEN 1 ELSE 2 END
            AS match,
          count(*) OVER ()
   FROM township t JOIN county c USING (adcode)
   WHERE (t.name ILIKE $1 OR t.code ILIKE $1) AND t.geom IS NOT NULL ORDER BY match, code LIMIT $4)
  UNION ALL
  (SELECT 'control-zone', 2, z.id, z.code, z.name, c.city || ' ' || c.name,
          ARRAY[ST_XMin(z.geom), ST_YMin(z.geom), ST_XMax(z.geom), ST_YMax(z.geom)],
          CASE WHEN z.code ILIKE $3 OR z.name ILIKE $3 THEN 0 WHEN z.code ILIKE $2 OR z.name ILIKE $2 THEN 1 ELSE 2 END
            AS match,
          count(*) OVER ()
   FROM published_control_zone z JOIN county c USING (adcode)
   WHERE z.name ILIKE $1 OR z.code ILIKE $1 ORDER BY match, z.code LIMIT $4)
  UNION ALL
  (SELECT 'plot', 3, p.id, p.code, p.name, c.city || ' ' || c.name,
          ARRAY[ST_XMin(p.geom), ST_YMin(p.geom), ST_XMax(p.geom), ST_YMax(p.geom)],
          CASE WHEN p.code ILIKE $3 OR p.name ILIKE $3 THEN 0 WHEN p.code ILIKE $2 OR p.name ILIKE $2 THEN 1 ELSE 2 END
            AS match,
          count(*) OVER ()
   FROM published_plot p JOIN county c USING (adcode)
   WHERE p.name ILIKE $1 OR p.code ILIKE $1 ORDER BY match, p.code LIMIT $4)
)
SELECT kind, id, code, name, context, bbox, match, total::int AS total
FROM hit
ORDER BY min(match) OVER (PARTITION BY kind), kind_order, match, code
