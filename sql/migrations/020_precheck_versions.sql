-- 用地准入核查 (issue 8, leftovers): what a check read, kept so its report shows it, and a cheap data version.

-- 1. Every published version of a plot or control zone and every version of an enterprise's site, with what colours
-- it on the map. A check records the version of each feature it hit (precheck.data_version->'features',
-- "type:id" → version); its report and map read the outline of that version here, not today's record, so a zone
-- changed or withdrawn after the check still shows as the check read it. Kept by triggers on the published tables
-- (and the enterprises), written at publication time: a check itself writes nothing here.
CREATE TABLE precheck_feature_version (
  adcode   char(6) NOT NULL,
  type     text NOT NULL CHECK (type IN ('plot', 'control-zone', 'enterprise')),
  id       bigint NOT NULL,
  version  integer NOT NULL,
  style    text,                                  -- plot or enterprise status; null for zones
  geom     geometry(MultiPolygon, 4490) NOT NULL,
  kept_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (adcode, type, id, version)
);
CREATE INDEX precheck_feature_version_lookup_idx ON precheck_feature_version (type, id, version);

-- Keeps the row's version ($1 = feature type); a change of status or outline without a new version replaces it.
CREATE FUNCTION precheck_feature_version_keep() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO precheck_feature_version (adcode, type, id, version, style, geom)
  VALUES (NEW.adcode, TG_ARGV[0], NEW.id, NEW.version, CASE WHEN TG_ARGV[0] <> 'control-zone' THEN to_jsonb(NEW)->>'status' END, NEW.geom)
  ON CONFLICT (adcode, type, id, version) DO UPDATE SET style = EXCLUDED.style, geom = EXCLUDED.geom, kept_at = now();
  RETURN NULL;
END $$;

-- The tables emptied whole (sample data replaced): their kept versions go too, as do the checks that named them.
CREATE FUNCTION precheck_feature_version_clear() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM precheck_feature_version WHERE type = TG_ARGV[0];
  RETURN NULL;
END $$;

CREATE TRIGGER precheck_feature_version_plot AFTER INSERT OR UPDATE OF version, status, geom ON published_plot
  FOR EACH ROW EXECUTE FUNCTION precheck_feature_version_keep('plot');
CREATE TRIGGER precheck_feature_version_zone AFTER INSERT OR UPDATE OF version, geom ON published_control_zone
  FOR EACH ROW EXECUTE FUNCTION precheck_feature_version_keep('control-zone');
CREATE TRIGGER precheck_feature_version_enterprise AFTER INSERT OR UPDATE OF version, status, geom ON supervised_enterprise
  FOR EACH ROW EXECUTE FUNCTION precheck_feature_version_keep('enterprise');
CREATE TRIGGER precheck_feature_version_plot_clear AFTER TRUNCATE ON published_plot
  FOR EACH STATEMENT EXECUTE FUNCTION precheck_feature_version_clear('plot');
CREATE TRIGGER precheck_feature_version_zone_clear AFTER TRUNCATE ON published_control_zone
  FOR EACH STATEMENT EXECUTE FUNCTION precheck_feature_version_clear('control-zone');
CREATE TRIGGER precheck_feature_version_enterprise_clear AFTER TRUNCATE ON supervised_enterprise
  FOR EACH STATEMENT EXECUTE FUNCTION precheck_feature_version_clear('enterprise');

INSERT INTO precheck_feature_version (adcode, type, id, version, style, geom)
SELECT adcode, 'plot', id, version, status, geom FROM published_plot
UNION ALL SELECT adcode, 'control-zone', id, version, NULL, geom FROM published_control_zone
UNION ALL SELECT adcode, 'enterprise', id, version, status, geom FROM supervised_enterprise;

-- 2. Row counts per county of what the data version counts (published plots and zones, enterprises, soil results),
-- kept by statement triggers from the changed rows, so a check reads four small rows instead of counting ~30,000
-- soil results of its county (sql/queries/precheck/data-version.sql; the latest dates come from indexes).
CREATE TABLE precheck_source_count (
  adcode  char(6) NOT NULL,
  source  text NOT NULL CHECK (source IN ('published_plot', 'published_control_zone', 'supervised_enterprise', 'soil_result')),
  rows    bigint NOT NULL,
  PRIMARY KEY (adcode, source)
);

-- Adds the rows inserted and subtracts the rows deleted ($1 = source; soil results only for monitoring_result).
CREATE FUNCTION precheck_source_count_track() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'monitoring_result' THEN
    IF TG_OP = 'INSERT' THEN
      INSERT INTO precheck_source_count AS c (adcode, source, rows)
      SELECT adcode, TG_ARGV[0], count(*) FROM new_rows WHERE medium = 'soil' GROUP BY adcode ORDER BY adcode
      ON CONFLICT (adcode, source) DO UPDATE SET rows = c.rows + EXCLUDED.rows;
    ELSIF TG_OP = 'DELETE' THEN
      INSERT INTO precheck_source_count AS c (adcode, source, rows)
      SELECT adcode, TG_ARGV[0], -count(*) FROM old_rows WHERE medium = 'soil' GROUP BY adcode ORDER BY adcode
      ON CONFLICT (adcode, source) DO UPDATE SET rows = c.rows + EXCLUDED.rows;
    ELSE
      INSERT INTO precheck_source_count AS c (adcode, source, rows)
      SELECT adcode, TG_ARGV[0], sum(d) FROM (
        SELECT adcode, 1 AS d FROM new_rows WHERE medium = 'soil' UNION ALL SELECT adcode, -1 FROM old_rows WHERE medium = 'soil'
      ) x GROUP BY adcode HAVING sum(d) <> 0 ORDER BY adcode
      ON CONFLICT (adcode, source) DO UPDATE SET rows = c.rows + EXCLUDED.rows;
    END IF;
  ELSIF TG_OP = 'INSERT' THEN
    INSERT INTO precheck_source_count AS c (adcode, source, rows)
    SELECT adcode, TG_ARGV[0], count(*) FROM new_rows GROUP BY adcode ORDER BY adcode
    ON CONFLICT (adcode, source) DO UPDATE SET rows = c.rows + EXCLUDED.rows;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO precheck_source_count AS c (adcode, source, rows)
    SELECT adcode, TG_ARGV[0], -count(*) FROM old_rows GROUP BY adcode ORDER BY adcode
    ON CONFLICT (adcode, source) DO UPDATE SET rows = c.rows + EXCLUDED.rows;
  ELSE
    INSERT INTO precheck_source_count AS c (adcode, source, rows)
    SELECT adcode, TG_ARGV[0], sum(d) FROM (SELECT adcode, 1 AS d FROM new_rows UNION ALL SELECT adcode, -1 FROM old_rows) x
    GROUP BY adcode HAVING sum(d) <> 0 ORDER BY adcode
    ON CONFLICT (adcode, source) DO UPDATE SET rows = c.rows + EXCLUDED.rows;
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION precheck_source_count_clear() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM precheck_source_count WHERE source = TG_ARGV[0];
  RETURN NULL;
END $$;

CREATE TRIGGER precheck_source_count_insert AFTER INSERT ON published_plot REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION precheck_source_count_track('published_plot');
CREATE TRIGGER precheck_source_count_update AFTER UPDATE ON published_plot REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION precheck_source_count_track('published_plot');
CREATE TRIGGER precheck_source_count_delete AFTER DELETE ON published_plot REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION precheck_source_count_track('published_plot');
CREATE TRIGGER precheck_source_count_truncate AFTER TRUNCATE ON published_plot
  FOR EACH STATEMENT EXECUTE FUNCTION precheck_source_count_clear('published_plot');

CREATE TRIGGER precheck_source_count_insert AFTER INSERT ON published_control_zone REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION precheck_source_count_track('published_control_zone');
CREATE TRIGGER precheck_source_count_update AFTER UPDATE ON published_control_zone REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION precheck_source_count_track('published_control_zone');
CREATE TRIGGER precheck_source_count_delete AFTER DELETE ON published_control_zone REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION precheck_source_count_track('published_control_zone');
CREATE TRIGGER precheck_source_count_truncate AFTER TRUNCATE ON published_control_zone
  FOR EACH STATEMENT EXECUTE FUNCTION precheck_source_count_clear('published_control_zone');

CREATE TRIGGER precheck_source_count_insert AFTER INSERT ON supervised_enterprise REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION precheck_source_count_track('supervised_enterprise');
CREATE TRIGGER precheck_source_count_update AFTER UPDATE ON supervised_enterprise REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION precheck_source_count_track('supervised_enterprise');
CREATE TRIGGER precheck_source_count_delete AFTER DELETE ON supervised_enterprise REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION precheck_source_count_track('supervised_enterprise');
CREATE TRIGGER precheck_source_count_truncate AFTER TRUNCATE ON supervised_enterprise
  FOR EACH STATEMENT EXECUTE FUNCTION precheck_source_count_clear('supervised_enterprise');

CREATE TRIGGER precheck_source_count_insert AFTER INSERT ON monitoring_result REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION precheck_source_count_track('soil_result');
CREATE TRIGGER precheck_source_count_update AFTER UPDATE ON monitoring_result REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION precheck_source_count_track('soil_result');
CREATE TRIGGER precheck_source_count_delete AFTER DELETE ON monitoring_result REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION precheck_source_count_track('soil_result');
CREATE TRIGGER precheck_source_count_truncate AFTER TRUNCATE ON monitoring_result
  FOR EACH STATEMENT EXECUTE FUNCTION precheck_source_count_clear('soil_result');

INSERT INTO precheck_source_count (adcode, source, rows)
SELECT adcode, 'published_plot', count(*) FROM published_plot GROUP BY adcode
UNION ALL SELECT adcode, 'published_control_zone', count(*) FROM published_control_zone GROUP BY adcode
UNION ALL SELECT adcode, 'supervised_enterprise', count(*) FROM supervised_enterprise GROUP BY adcode
UNION ALL SELECT adcode, 'soil_result', count(*) FROM monitoring_result WHERE medium = 'soil' GROUP BY adcode;

-- the latest change of a county's enterprises read from the index (the other latest dates have theirs, migration 016)
CREATE INDEX supervised_enterprise_county_updated_idx ON supervised_enterprise (adcode, updated_at);
