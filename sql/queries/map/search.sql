-- $1 contains-pattern (%q%), $2 prefix-pattern (q%), $3 exact pattern (q), all with LIKE wildcards escaped; $4 limit
-- per kind; $5 county codes of the user's scope (parcels, plots and points are internal; county and township names are
-- public). Any part of a name or code matches, ignoring case. match: 0 exact, 1 prefix, 2 elsewhere; total counts every
-- hit of the kind before the limit. Kinds come in the order of their best match, then county, township, parcel, plot,
-- point; inside a kind, best match first, then by code.
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
  (SELECT 'parcel', 2, p.id, p.code, '耕地图斑 ' || p.code, c.city || ' ' || c.name,
          ARRAY[ST_XMin(p.geom), ST_YMin(p.geom), ST_XMax(p.geom), ST_YMax(p.geom)],
          CASE WHEN p.code ILIKE $3 THEN 0 WHEN p.code ILIKE $2 THEN 1 ELSE 2 END AS match,
          count(*) OVER ()
   FROM farmland_parcel p JOIN county c USING (adcode)
   WHERE p.code ILIKE $1 AND p.adcode = ANY($5::bpchar[]) ORDER BY match, p.code LIMIT $4)
  UNION ALL
  (SELECT 'plot', 3, p.id, p.code, p.name, c.city || ' ' || c.name,
          ARRAY[ST_XMin(p.geom), ST_YMin(p.geom), ST_XMax(p.geom), ST_YMax(p.geom)],
          CASE WHEN p.code ILIKE $3 OR p.name ILIKE $3 THEN 0 WHEN p.code ILIKE $2 OR p.name ILIKE $2 THEN 1 ELSE 2 END
            AS match,
          count(*) OVER ()
   FROM contaminated_plot p JOIN county c USING (adcode)
   WHERE (p.name ILIKE $1 OR p.code ILIKE $1) AND p.adcode = ANY($5::bpchar[]) ORDER BY match, p.code LIMIT $4)
  UNION ALL
  (SELECT 'point', 4, m.id, m.code, m.name, c.city || ' ' || c.name,
          ARRAY[ST_X(m.geom), ST_Y(m.geom), ST_X(m.geom), ST_Y(m.geom)],
          CASE WHEN m.code ILIKE $3 OR m.name ILIKE $3 THEN 0 WHEN m.code ILIKE $2 OR m.name ILIKE $2 THEN 1 ELSE 2 END
            AS match,
          count(*) OVER ()
   FROM monitoring_point m JOIN county c USING (adcode)
   WHERE (m.name ILIKE $1 OR m.code ILIKE $1) AND m.adcode = ANY($5::bpchar[]) ORDER BY match, m.code LIMIT $4)
)
SELECT kind, id, code, name, context, bbox, match, total::int AS total
FROM hit
ORDER BY min(match) OVER (PARTITION BY kind), kind_order, match, code
