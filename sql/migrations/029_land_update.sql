-- 年度变更调查 (the annual update of a county's 三调 地类图斑): a checked DLTB import of a county that already has
-- parcels is matched to them (by 标识码 BSM, else by the same outline within a tolerance) into a plan the officer
-- reviews, conflicts with edits made in the system are decided, and the plan is applied in one transaction.
-- Parcels gone from the new layer are retired: moved out of farmland_parcel (so the map, the statistics, the
-- classification and the search no longer see them) into retired_parcel with their class-list entries, restorable.

ALTER TABLE change_history DROP CONSTRAINT change_history_action_check;
ALTER TABLE change_history ADD CONSTRAINT change_history_action_check CHECK (action IN (
  'create', 'update', 'delete', 'restore', 'import', 'submit', 'approve', 'return', 'publish', 'reopen', 'classify', 'override',
  'split', 'merge', 'transition', 'pollutant', 'negative_use', 'propose', 'confirm', 'dismiss', 'publish_list', 'retire'));

CREATE TABLE land_update (
  import_id       bigint PRIMARY KEY REFERENCES land_import (id) ON DELETE CASCADE,
  adcode          char(6) NOT NULL REFERENCES county (adcode),
  status          text NOT NULL DEFAULT 'planned'
                  CHECK (status IN ('planned', 'applying', 'applied', 'cancelled', 'failed')),
  tolerance       double precision NOT NULL,          -- symmetric difference / area below which outlines are the same
  match_count     integer NOT NULL DEFAULT 0,
  progress_done   integer NOT NULL DEFAULT 0,
  progress_total  integer NOT NULL DEFAULT 0,
  result          jsonb,                              -- counts applied: {unchanged, changed, added, retired, kept}
  message         text,
  created_by      text NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  applied_by      text,
  finished_at     timestamptz
);

-- One line of the plan: a feature of the new layer, a parcel of the county, or both, and what becomes of them.
CREATE TABLE land_update_match (
  import_id       bigint NOT NULL REFERENCES land_update (import_id) ON DELETE CASCADE,
  no              integer NOT NULL,                   -- order in the plan, from 1 (the apply's batches)
  seq             integer,                            -- the feature of the import (null: retired)
  parcel_id       bigint,                             -- the parcel (null: added)
  kind            text NOT NULL CHECK (kind IN ('unchanged', 'changed', 'added', 'retired')),
  match_by        text CHECK (match_by IN ('bsm', 'geometry')),
  diff_ratio      double precision,                   -- symmetric difference area / parcel area
  is_reshaped     boolean NOT NULL DEFAULT false,
  is_recoded      boolean NOT NULL DEFAULT false,
  parcel_version  integer,                            -- the parcel's version when planned
  is_conflict     boolean NOT NULL DEFAULT false,     -- edited in the system since its last import
  decision        text CHECK (decision IN ('ours', 'theirs')),
  decided_by      text,
  decided_at      timestamptz,
  added_no        integer,                            -- order among the added parcels (their new codes)
  PRIMARY KEY (import_id, no)
);
CREATE INDEX land_update_match_parcel_idx ON land_update_match (parcel_id);

-- A parcel retired by an annual update: its row and its class-list entries as they were, until restored.
CREATE TABLE retired_parcel (
  adcode          char(6) NOT NULL REFERENCES county (adcode),
  id              bigint NOT NULL,                    -- the parcel's id, kept for the restore
  code            text NOT NULL,
  class           text NOT NULL,
  township_code   char(9),
  area_m2         double precision NOT NULL,
  geom            geometry(MultiPolygon, 4490) NOT NULL,
  parcel          jsonb NOT NULL,                     -- the farmland_parcel row without its geometry columns
  entries         jsonb NOT NULL DEFAULT '[]',        -- its class_list_entry rows
  import_id       bigint REFERENCES land_import (id) ON DELETE SET NULL,
  retired_by      text NOT NULL,
  retired_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (adcode, id)
);
CREATE INDEX retired_parcel_id_idx ON retired_parcel (id);

-- Puts a retired parcel back into farmland_parcel (every stored column that is not generated, so columns added
-- later come back too), with its class-list entries of lists that still exist; the version moves on by one.
CREATE FUNCTION restore_retired_parcel(p_adcode char(6), p_id bigint, p_actor text) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
  v_cols text;
  v_vals text;
  v_entries integer;
BEGIN
  SELECT string_agg(quote_ident(attname), ', ' ORDER BY attnum), string_agg('x.' || quote_ident(attname), ', ' ORDER BY attnum)
  INTO v_cols, v_vals
  FROM pg_attribute
  WHERE attrelid = 'farmland_parcel'::regclass AND attnum > 0 AND NOT attisdropped AND attgenerated = ''
    AND attname <> 'geom';
  EXECUTE format('INSERT INTO farmland_parcel (%s, geom) SELECT %s, r.geom FROM retired_parcel r '
    || 'CROSS JOIN LATERAL jsonb_populate_record(NULL::farmland_parcel, r.parcel) x WHERE r.adcode = $1 AND r.id = $2',
    v_cols, v_vals) USING p_adcode, p_id;
  UPDATE farmland_parcel SET version = version + 1, updated_at = now(), updated_by = p_actor
  WHERE adcode = p_adcode AND id = p_id;
  INSERT INTO class_list_entry
  SELECT e.* FROM retired_parcel r CROSS JOIN LATERAL jsonb_populate_recordset(NULL::class_list_entry, r.entries) e
  WHERE r.adcode = p_adcode AND r.id = p_id
    AND EXISTS (SELECT 1 FROM class_list l WHERE l.adcode = e.adcode AND l.id = e.list_id);
  GET DIAGNOSTICS v_entries = ROW_COUNT;
  UPDATE safe_use_account a SET parcel_id = p_id
  FROM retired_parcel r WHERE r.adcode = p_adcode AND r.id = p_id
    AND a.adcode = r.adcode AND a.parcel_code = r.code AND a.parcel_id IS NULL;
  DELETE FROM retired_parcel WHERE adcode = p_adcode AND id = p_id;
  RETURN v_entries;
END $$;
