-- Parcel editing (图斑编辑): the optional 三调 DLTB fields (DOMAIN §6.1), lineage of split and merged parcels,
-- split/merge history actions, new parcel codes per county, and an overview refresh limited to the cells an
-- edit touched.
ALTER TABLE farmland_parcel
  ADD COLUMN qsxz text CHECK (qsxz IS NULL OR qsxz IN ('10', '20', '30', '31', '32', '33', '34', '40')),
  ADD COLUMN qsdwmc text CHECK (qsdwmc IS NULL OR char_length(qsdwmc) <= 60),
  ADD COLUMN zldwmc text CHECK (zldwmc IS NULL OR char_length(zldwmc) <= 60),
  ADD COLUMN kcxs numeric(5, 4) CHECK (kcxs IS NULL OR (kcxs >= 0 AND kcxs < 1)),
  ADD COLUMN gdpdjb text CHECK (gdpdjb IS NULL OR gdpdjb IN ('1', '2', '3', '4', '5')),
  ADD COLUMN zzsxdm text CHECK (zzsxdm IS NULL OR zzsxdm IN ('LS', 'FLS', 'LYFL', 'XG', 'LLJZ', 'WG')),
  ADD COLUMN bz text CHECK (bz IS NULL OR char_length(bz) <= 254),
  ADD COLUMN parent_codes text[],                     -- codes of the parcels it was split from or merged from
  ADD COLUMN created_at timestamptz NOT NULL DEFAULT now();

ALTER TABLE change_history DROP CONSTRAINT change_history_action_check;
ALTER TABLE change_history ADD CONSTRAINT change_history_action_check CHECK (action IN (
  'create', 'update', 'delete', 'restore', 'import', 'submit', 'approve', 'return', 'publish', 'reopen', 'classify', 'override',
  'split', 'merge'));

-- the editor finds a parcel, and its history, by id alone (the id is unique across counties)
CREATE INDEX farmland_parcel_id_idx ON farmland_parcel (id);
CREATE INDEX change_history_entity_id_idx ON change_history (entity, entity_id, changed_at);

CREATE INDEX change_history_removed_parcel_idx ON change_history (changed_at DESC)
  WHERE entity = 'farmland_parcel' AND action IN ('delete', 'split', 'merge');

-- The last number of the parcel codes handed out per county ('430903-0000123' → 123).
CREATE TABLE parcel_code_counter (
  adcode  char(6) PRIMARY KEY REFERENCES county (adcode),
  last    integer NOT NULL CHECK (last >= 0)
);

-- Allocates p_count new parcel codes of a county: `${adcode}-${7 digits}`. The counter starts above every code
-- the county has had, in the table or in its history (a deleted parcel keeps its code for a restore).
CREATE FUNCTION allocate_parcel_codes(p_adcode char(6), p_count integer) RETURNS text[]
LANGUAGE plpgsql AS $$
DECLARE
  v_last integer;
BEGIN
  INSERT INTO parcel_code_counter (adcode, last)
  SELECT p_adcode, coalesce(max(substring(code FROM '^[0-9]{6}-([0-9]{1,9})$')::integer), 0)
  FROM (
    SELECT code FROM farmland_parcel WHERE adcode = p_adcode
    UNION ALL
    SELECT before ->> 'code' FROM change_history WHERE adcode = p_adcode AND entity = 'farmland_parcel' AND before ? 'code'
    UNION ALL
    SELECT after ->> 'code' FROM change_history WHERE adcode = p_adcode AND entity = 'farmland_parcel' AND after ? 'code'
  ) known
  ON CONFLICT (adcode) DO NOTHING;
  UPDATE parcel_code_counter SET last = last + p_count WHERE adcode = p_adcode RETURNING last INTO v_last;
  RETURN ARRAY(SELECT p_adcode || '-' || lpad((v_last - p_count + g)::text, 7, '0') FROM generate_series(1, p_count) g);
END $$;

-- Rebuilds only the 1 km overview cells of a county that intersect p_envelope (EPSG:3857), with the cell
-- logic of refresh_farmland_overview: a parcel falls in the cell of its point on surface.
CREATE FUNCTION refresh_farmland_overview_area(p_adcode char(6), p_envelope geometry) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
  cell_m constant double precision := 1000;
  x0 integer := floor(ST_XMin(p_envelope) / cell_m)::integer;
  x1 integer := floor(ST_XMax(p_envelope) / cell_m)::integer;
  y0 integer := floor(ST_YMin(p_envelope) / cell_m)::integer;
  y1 integer := floor(ST_YMax(p_envelope) / cell_m)::integer;
  inserted integer;
BEGIN
  DELETE FROM farmland_overview
  WHERE adcode = p_adcode AND cell_x BETWEEN x0 AND x1 AND cell_y BETWEEN y0 AND y1;
  INSERT INTO farmland_overview
  -- parcels reaching into the cells, placed in the cell of their point on surface; only those cells count
  WITH placed AS (
    SELECT p.class, p.area_m2,
           floor(ST_X(s.pt) / cell_m)::integer AS cx, floor(ST_Y(s.pt) / cell_m)::integer AS cy
    FROM farmland_parcel p CROSS JOIN LATERAL (SELECT ST_PointOnSurface(p.geom_3857) AS pt) s
    WHERE p.adcode = p_adcode
      AND p.geom_3857 && ST_MakeEnvelope(x0 * cell_m, y0 * cell_m, (x1 + 1) * cell_m, (y1 + 1) * cell_m, 3857)
  ),
  -- area per class in each cell
  cells AS (
    SELECT cx, cy, count(*)::integer AS parcels, sum(area_m2) AS area,
           coalesce(sum(area_m2) FILTER (WHERE class = 'priority'), 0) AS priority_m2,
           coalesce(sum(area_m2) FILTER (WHERE class = 'safe_use'), 0) AS safe_use_m2,
           coalesce(sum(area_m2) FILTER (WHERE class = 'strict'), 0) AS strict_m2,
           coalesce(sum(area_m2) FILTER (WHERE class = 'unclassified'), 0) AS unclassified_m2
    FROM placed
    WHERE cx BETWEEN x0 AND x1 AND cy BETWEEN y0 AND y1
    GROUP BY cx, cy
  )
  SELECT p_adcode, cx, cy,
         CASE greatest(priority_m2, safe_use_m2, strict_m2, unclassified_m2)
           WHEN strict_m2 THEN 'strict' WHEN safe_use_m2 THEN 'safe_use'
           WHEN priority_m2 THEN 'priority' ELSE 'unclassified' END,
         parcels, area, priority_m2, safe_use_m2, strict_m2, unclassified_m2,
         ST_MakeEnvelope(cx * cell_m, cy * cell_m, (cx + 1) * cell_m, (cy + 1) * cell_m, 3857)
  FROM cells;
  GET DIAGNOSTICS inserted = ROW_COUNT;
  RETURN inserted;
END $$;

-- A parcel as the editor reads it: its fields, township, county, last editor's name and GeoJSON geometry
-- (EPSG:4490, 8 decimals ≈ 1 mm).
CREATE VIEW farmland_parcel_feature AS
SELECT p.adcode::text AS adcode, p.id, p.code, p.dlbm::text AS dlbm, p.township_code::text AS township_code, t.name AS township_name,
       c.name AS county, p.qsxz, p.qsdwmc, p.zldwmc, p.kcxs::float8 AS kcxs, p.gdpdjb, p.zzsxdm, p.bz,
       p.class, p.class_method, p.class_basis, p.class_list_id, p.parent_codes, p.version, p.area_m2, p.is_generated,
       p.created_at, p.updated_at, p.updated_by, u.display_name AS updated_by_name,
       ST_AsGeoJSON(p.geom, 8)::json AS geometry
FROM farmland_parcel p
JOIN county c ON c.adcode = p.adcode
LEFT JOIN township t ON t.adcode = p.adcode AND t.code = p.township_code
LEFT JOIN app_user u ON u.username = p.updated_by;
