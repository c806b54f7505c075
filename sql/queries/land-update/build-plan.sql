-- $1 import, $2 county, $3 outline tolerance (symmetric difference area / parcel area). Matches the valid farmland
-- features of a checked import to the county's parcels and writes the plan: by 标识码 first, then, for features and
-- parcels left, by the same outline within the tolerance; matched pairs are unchanged or changed (outline beyond
-- the tolerance, or another land code), features left are added, parcels left are retired. A changed or retired
-- parcel edited in the system (update, split, merge) since the import it came from is a conflict.
WITH f AS (
  -- the features that would become parcels
  SELECT seq, bsm, dlbm, ST_Multi(ST_CollectionExtract(geom, 3)) AS geom
  FROM land_import_feature
  WHERE import_id = $1 AND NOT is_refused AND target = 'farmland'
),
p AS (
  -- the county's parcels now
  SELECT id, bsm, dlbm, geom, version, import_id, created_at FROM farmland_parcel WHERE adcode = $2
),
bsm_pairs AS (
  -- one parcel per feature and one feature per parcel by 标识码
  SELECT DISTINCT ON (parcel_id) seq, parcel_id
  FROM (SELECT DISTINCT ON (f.seq) f.seq, p.id AS parcel_id FROM f JOIN p ON p.bsm = f.bsm ORDER BY f.seq, p.id) x
  ORDER BY parcel_id, seq
),
geom_pairs AS (
  -- the closest outline within the tolerance among the features and parcels BSM left alone (the base tables, so the
  -- spatial indexes serve the && join)
  SELECT DISTINCT ON (parcel_id) seq, parcel_id
  FROM (
    SELECT DISTINCT ON (lf.seq) lf.seq, fp.id AS parcel_id, d.ratio
    FROM land_import_feature lf
    JOIN farmland_parcel fp ON fp.adcode = $2 AND fp.geom && lf.geom
    CROSS JOIN LATERAL (
      SELECT ST_Area(ST_SymDifference(ST_CollectionExtract(lf.geom, 3), fp.geom)::geography)
             / nullif(ST_Area(fp.geom::geography), 0) AS ratio
    ) d
    WHERE lf.import_id = $1 AND NOT lf.is_refused AND lf.target = 'farmland'
      AND NOT EXISTS (SELECT 1 FROM bsm_pairs b WHERE b.seq = lf.seq)
      AND NOT EXISTS (SELECT 1 FROM bsm_pairs b WHERE b.parcel_id = fp.id)
      AND d.ratio < $3
    ORDER BY lf.seq, d.ratio
  ) x
  ORDER BY parcel_id, ratio
),
pairs AS (
  SELECT seq, parcel_id, 'bsm' AS match_by FROM bsm_pairs
  UNION ALL
  SELECT seq, parcel_id, 'geometry' FROM geom_pairs
),
edited AS (
  -- parcels edited in the system since the import they came from (or since they were made)
  SELECT p.id FROM p
  LEFT JOIN land_import li ON li.id = p.import_id
  WHERE EXISTS (
    SELECT 1 FROM change_history h
    WHERE h.adcode = $2 AND h.entity = 'farmland_parcel' AND h.entity_id = p.id AND h.action IN ('update', 'split', 'merge')
      AND h.changed_at > coalesce(li.finished_at, p.created_at)
  )
),
matched AS (
  SELECT pr.seq, pr.parcel_id, pr.match_by, d.ratio, d.ratio >= $3 AS is_reshaped,
         upper(f.dlbm) <> upper(p.dlbm) AS is_recoded, p.version
  FROM pairs pr JOIN f ON f.seq = pr.seq JOIN p ON p.id = pr.parcel_id
  CROSS JOIN LATERAL (
    SELECT coalesce(ST_Area(ST_SymDifference(f.geom, p.geom)::geography) / nullif(ST_Area(p.geom::geography), 0), 0) AS ratio
  ) d
),
lines AS (
  SELECT m.seq, m.parcel_id,
         CASE WHEN m.is_reshaped OR m.is_recoded THEN 'changed' ELSE 'unchanged' END AS kind,
         m.match_by, m.ratio, m.is_reshaped, m.is_recoded, m.version,
         (m.is_reshaped OR m.is_recoded) AND m.parcel_id IN (SELECT id FROM edited) AS is_conflict,
         NULL::integer AS added_no
  FROM matched m
  UNION ALL
  SELECT f.seq, NULL, 'added', NULL, NULL, false, false, NULL, false,
         row_number() OVER (ORDER BY f.seq)::integer
  FROM f WHERE NOT EXISTS (SELECT 1 FROM pairs pr WHERE pr.seq = f.seq)
  UNION ALL
  SELECT NULL, p.id, 'retired', NULL, NULL, false, false, p.version, p.id IN (SELECT id FROM edited), NULL
  FROM p WHERE NOT EXISTS (SELECT 1 FROM pairs pr WHERE pr.parcel_id = p.id)
)
INSERT INTO land_update_match (import_id, no, seq, parcel_id, kind, match_by, diff_ratio, is_reshaped, is_recoded,
  parcel_version, is_conflict, added_no)
SELECT $1, row_number() OVER (ORDER BY kind, seq, parcel_id)::integer, seq, parcel_id, kind, match_by, ratio,
       is_reshaped, is_recoded, version, is_conflict, added_no
FROM lines
