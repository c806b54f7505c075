-- Review and publish (草稿 → 已提交 → 已审定 / 退回 → 已发布) for registry entries and control zones, and the
-- published versions the public side and the pre-check read. Drafts never reach the published tables.
ALTER TABLE control_zone RENAME COLUMN status TO review_status;
ALTER TABLE control_zone ADD COLUMN review_reason text;
ALTER TABLE control_zone ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
ALTER TABLE control_zone ADD COLUMN published_version integer NOT NULL DEFAULT 0;

ALTER TABLE contaminated_plot ADD COLUMN review_status text NOT NULL DEFAULT 'draft'
  CHECK (review_status IN ('draft', 'submitted', 'approved', 'returned', 'published'));
ALTER TABLE contaminated_plot ADD COLUMN review_reason text;
ALTER TABLE contaminated_plot ADD COLUMN published_version integer NOT NULL DEFAULT 0;

ALTER TABLE change_history DROP CONSTRAINT change_history_action_check;
ALTER TABLE change_history ADD CONSTRAINT change_history_action_check CHECK (action IN (
  'create', 'update', 'delete', 'restore', 'import', 'submit', 'approve', 'return', 'publish', 'reopen'));

-- The published registry: public fields only. The contact, the land user and the review notes stay internal.
CREATE TABLE published_plot (
  adcode           char(6) NOT NULL REFERENCES county (adcode),
  id               bigint NOT NULL,
  version          integer NOT NULL,
  code             text NOT NULL,
  name             text NOT NULL,
  status           text NOT NULL,
  risk_level       text,
  former_industry  text,
  address          text,
  negative_uses    jsonb NOT NULL DEFAULT '[]',        -- [{useCode, basis}]
  geom             geometry(MultiPolygon, 4490) NOT NULL,
  geom_3857        geometry(MultiPolygon, 3857) GENERATED ALWAYS AS (ST_Transform(geom, 3857)) STORED,
  area_m2          double precision GENERATED ALWAYS AS (ST_Area(geom::geography)) STORED,
  published_at     timestamptz NOT NULL DEFAULT now(),
  is_generated     boolean NOT NULL DEFAULT false,
  PRIMARY KEY (adcode, id),
  FOREIGN KEY (adcode, id) REFERENCES contaminated_plot (adcode, id) ON DELETE CASCADE
);
CREATE INDEX published_plot_geom_idx ON published_plot USING gist (geom);
CREATE INDEX published_plot_geom_3857_idx ON published_plot USING gist (geom_3857);

CREATE TABLE published_control_zone (
  adcode             char(6) NOT NULL REFERENCES county (adcode),
  id                 bigint NOT NULL,
  version            integer NOT NULL,
  code               text NOT NULL,
  name               text NOT NULL,
  announcement_no    text,
  announcement_date  date,
  announcement_text  text,
  monitor_soil           boolean NOT NULL,
  monitor_surface_water  boolean NOT NULL,
  monitor_groundwater    boolean NOT NULL,
  monitor_air            boolean NOT NULL,
  plot_codes         text[] NOT NULL DEFAULT '{}',      -- only plots that are themselves published
  signs              jsonb NOT NULL DEFAULT '[]',       -- [{label, lon, lat}]
  geom               geometry(MultiPolygon, 4490) NOT NULL,
  geom_3857          geometry(MultiPolygon, 3857) GENERATED ALWAYS AS (ST_Transform(geom, 3857)) STORED,
  area_m2            double precision GENERATED ALWAYS AS (ST_Area(geom::geography)) STORED,
  published_at       timestamptz NOT NULL DEFAULT now(),
  is_generated       boolean NOT NULL DEFAULT false,
  PRIMARY KEY (adcode, id),
  FOREIGN KEY (adcode, id) REFERENCES control_zone (adcode, id) ON DELETE CASCADE
);
CREATE INDEX published_control_zone_geom_idx ON published_control_zone USING gist (geom);
CREATE INDEX published_control_zone_geom_3857_idx ON published_control_zone USING gist (geom_3857);
