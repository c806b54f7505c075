-- The townships of a county replaced by code: those of the file inserted or updated (outline and name), the others
-- of the county deleted (the caller has refused the apply when records still name one of them).
-- $1 county code; $2 codes; $3 names; $4 outlines (GeoJSON, EPSG:4490). One row per township changed, with what it
-- was and what it is.
WITH given AS (
  SELECT u.code, u.name, ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_SetSRID(ST_GeomFromGeoJSON(u.g), 4490)), 3)) AS geom
  FROM unnest($2::text[], $3::text[], $4::text[]) AS u(code, name, g)
),
before AS (
  SELECT code::text AS code, name, area_m2 FROM township WHERE adcode = $1::char(6)
),
removed AS (
  DELETE FROM township t
  WHERE t.adcode = $1::char(6) AND NOT EXISTS (SELECT 1 FROM given g WHERE g.code = t.code::text)
  RETURNING t.code::text AS code
),
up AS (
  INSERT INTO township (adcode, code, name, geom, is_generated)
  SELECT $1, code, name, geom, false FROM given
  ON CONFLICT (adcode, code) DO UPDATE SET name = EXCLUDED.name, geom = EXCLUDED.geom, is_generated = false
  RETURNING code::text AS code, name, area_m2
)
SELECT coalesce(up.code, removed.code) AS code,
       CASE WHEN removed.code IS NOT NULL THEN 'removed' WHEN b.code IS NULL THEN 'added' ELSE 'replaced' END AS change,
       b.name AS before_name, b.area_m2 AS before_area_m2, up.name, up.area_m2
FROM up
FULL JOIN removed ON false
LEFT JOIN before b ON b.code = coalesce(up.code, removed.code)
ORDER BY 1
