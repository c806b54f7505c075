-- 监测网络全覆盖 (issue 9): data versions of each county's coverage figures, so the service computes a county's
-- figures once and serves them again until something they rest on changes (server/src/services/coverage.service.ts).
-- A county's figures rest on its farmland parcels and townships (land_version), on all its monitoring points
-- (point_version: counts by level, type, status, soil type, land use) and on the active points within the coverage
-- distance of its farmland, whichever county holds them. For the last, each county keeps the box of every farmland
-- parcel it has had (with the largest |latitude| among them) and the box of every point that was active in it, both
-- in EPSG:3857; boxes only grow (a truncate empties them and moves every version on). The service keys a county's
-- figures by its land and point versions and by the active_version of every county whose point box meets its
-- farmland box widened by the distance (sql/queries/coverage/find-versions.sql): a change of an active point
-- anywhere moves the key of every county it can reach, and of no other, for any distance setting. Kept by
-- statement triggers on insert, delete and truncate and by row triggers on an update of a column the figures read
-- (a reclassification or a renamed point changes nothing here).

CREATE TABLE coverage_version (
  adcode            char(6) PRIMARY KEY,
  land_version      bigint NOT NULL DEFAULT 0,     -- farmland parcels and townships of the county
  point_version     bigint NOT NULL DEFAULT 0,     -- every point of the county, any status
  active_version    bigint NOT NULL DEFAULT 0,     -- a point of the county that is or was active: added, removed, moved, status
  farmland_3857     geometry(Geometry, 3857),      -- box of every parcel the county has had
  farmland_max_lat  double precision,              -- largest |latitude| of those parcels (degrees)
  active_3857       geometry(Geometry, 3857)       -- box of every point that was active in the county
);
CREATE INDEX coverage_version_active_3857_idx ON coverage_version USING gist (active_3857);

-- Parcels inserted or deleted (statement): their counties' land version moves on; inserted parcels widen the box.
CREATE FUNCTION coverage_version_parcels() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO coverage_version AS v (adcode, land_version, farmland_3857, farmland_max_lat)
    SELECT adcode, 1, ST_SetSRID(ST_Extent(geom_3857)::geometry, 3857), max(greatest(abs(ST_YMin(geom)), abs(ST_YMax(geom))))
    FROM new_rows GROUP BY adcode ORDER BY adcode
    ON CONFLICT (adcode) DO UPDATE SET
      land_version = v.land_version + 1,
      farmland_3857 = ST_Envelope(ST_Collect(v.farmland_3857, EXCLUDED.farmland_3857)),
      farmland_max_lat = greatest(v.farmland_max_lat, EXCLUDED.farmland_max_lat);
  ELSE
    INSERT INTO coverage_version AS v (adcode, land_version)
    SELECT DISTINCT adcode, 1 FROM old_rows ORDER BY adcode
    ON CONFLICT (adcode) DO UPDATE SET land_version = v.land_version + 1;
  END IF;
  RETURN NULL;
END $$;

-- A parcel's county, township, class code or outline changed (row): both counties move on, the new one's box widens.
CREATE FUNCTION coverage_version_parcel_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO coverage_version AS v (adcode, land_version, farmland_3857, farmland_max_lat)
  SELECT a.adcode, 1, a.box, a.max_lat FROM (
    SELECT OLD.adcode AS adcode, NULL::geometry AS box, NULL::float8 AS max_lat WHERE OLD.adcode <> NEW.adcode
    UNION ALL
    SELECT NEW.adcode, ST_Envelope(NEW.geom_3857), greatest(abs(ST_YMin(NEW.geom)), abs(ST_YMax(NEW.geom)))
  ) a ORDER BY a.adcode
  ON CONFLICT (adcode) DO UPDATE SET
    land_version = v.land_version + 1,
    farmland_3857 = ST_Envelope(ST_Collect(v.farmland_3857, EXCLUDED.farmland_3857)),
    farmland_max_lat = greatest(v.farmland_max_lat, EXCLUDED.farmland_max_lat);
  RETURN NULL;
END $$;

-- Points inserted or deleted (statement): point version of their counties; active version when an active one is among
-- them; inserted active points widen the box.
CREATE FUNCTION coverage_version_points() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO coverage_version AS v (adcode, point_version, active_version, active_3857)
    SELECT adcode, 1, CASE WHEN bool_or(status = 'active') THEN 1 ELSE 0 END,
           ST_SetSRID((ST_Extent(geom_3857) FILTER (WHERE status = 'active'))::geometry, 3857)
    FROM new_rows GROUP BY adcode ORDER BY adcode
    ON CONFLICT (adcode) DO UPDATE SET
      point_version = v.point_version + 1,
      active_version = v.active_version + EXCLUDED.active_version,
      active_3857 = ST_Envelope(ST_Collect(v.active_3857, EXCLUDED.active_3857));
  ELSE
    INSERT INTO coverage_version AS v (adcode, point_version, active_version)
    SELECT adcode, 1, CASE WHEN bool_or(status = 'active') THEN 1 ELSE 0 END FROM old_rows GROUP BY adcode ORDER BY adcode
    ON CONFLICT (adcode) DO UPDATE SET
      point_version = v.point_version + 1,
      active_version = v.active_version + EXCLUDED.active_version;
  END IF;
  RETURN NULL;
END $$;

-- A point's county, township, level, type, status, land use, soil type or place changed (row): point version of both
-- counties; active version when it was or is active and its status, place or county changed; the box takes it when active.
CREATE FUNCTION coverage_version_point_update() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  moves_active integer := CASE WHEN (OLD.status = 'active' OR NEW.status = 'active')
    AND (OLD.status IS DISTINCT FROM NEW.status OR OLD.geom IS DISTINCT FROM NEW.geom OR OLD.adcode <> NEW.adcode) THEN 1 ELSE 0 END;
BEGIN
  INSERT INTO coverage_version AS v (adcode, point_version, active_version, active_3857)
  SELECT a.adcode, 1, moves_active, a.box FROM (
    SELECT OLD.adcode AS adcode, NULL::geometry AS box WHERE OLD.adcode <> NEW.adcode
    UNION ALL
    SELECT NEW.adcode, CASE WHEN NEW.status = 'active' THEN NEW.geom_3857 END
  ) a ORDER BY a.adcode
  ON CONFLICT (adcode) DO UPDATE SET
    point_version = v.point_version + 1,
    active_version = v.active_version + EXCLUDED.active_version,
    active_3857 = ST_Envelope(ST_Collect(v.active_3857, EXCLUDED.active_3857));
  RETURN NULL;
END $$;

-- Townships inserted, changed or deleted (statement): land version of their counties (names and keys of the rows).
CREATE FUNCTION coverage_version_townships() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO coverage_version AS v (adcode, land_version)
    SELECT DISTINCT adcode, 1 FROM new_rows ORDER BY adcode
    ON CONFLICT (adcode) DO UPDATE SET land_version = v.land_version + 1;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO coverage_version AS v (adcode, land_version)
    SELECT DISTINCT adcode, 1 FROM old_rows ORDER BY adcode
    ON CONFLICT (adcode) DO UPDATE SET land_version = v.land_version + 1;
  ELSE
    INSERT INTO coverage_version AS v (adcode, land_version)
    SELECT adcode, 1 FROM (SELECT adcode FROM new_rows UNION SELECT adcode FROM old_rows) a ORDER BY adcode
    ON CONFLICT (adcode) DO UPDATE SET land_version = v.land_version + 1;
  END IF;
  RETURN NULL;
END $$;

-- A table emptied whole ($1 = its name): every county moves on, and the boxes of what it held start again.
CREATE FUNCTION coverage_version_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_ARGV[0] = 'farmland_parcel' THEN
    UPDATE coverage_version SET land_version = land_version + 1, farmland_3857 = NULL, farmland_max_lat = NULL;
  ELSIF TG_ARGV[0] = 'monitoring_point' THEN
    UPDATE coverage_version SET point_version = point_version + 1, active_version = active_version + 1, active_3857 = NULL;
  ELSE
    UPDATE coverage_version SET land_version = land_version + 1;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER coverage_version_insert AFTER INSERT ON farmland_parcel REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION coverage_version_parcels();
CREATE TRIGGER coverage_version_delete AFTER DELETE ON farmland_parcel REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION coverage_version_parcels();
CREATE TRIGGER coverage_version_update AFTER UPDATE OF adcode, township_code, dlbm, geom ON farmland_parcel
  FOR EACH ROW WHEN (OLD.adcode IS DISTINCT FROM NEW.adcode OR OLD.township_code IS DISTINCT FROM NEW.township_code
    OR OLD.dlbm IS DISTINCT FROM NEW.dlbm OR OLD.geom IS DISTINCT FROM NEW.geom)
  EXECUTE FUNCTION coverage_version_parcel_update();
CREATE TRIGGER coverage_version_truncate AFTER TRUNCATE ON farmland_parcel
  FOR EACH STATEMENT EXECUTE FUNCTION coverage_version_truncate('farmland_parcel');

CREATE TRIGGER coverage_version_insert AFTER INSERT ON monitoring_point REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION coverage_version_points();
CREATE TRIGGER coverage_version_delete AFTER DELETE ON monitoring_point REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION coverage_version_points();
CREATE TRIGGER coverage_version_update AFTER UPDATE OF adcode, township_code, level, point_type, status, land_use, soil_type, geom ON monitoring_point
  FOR EACH ROW WHEN (OLD.adcode IS DISTINCT FROM NEW.adcode OR OLD.township_code IS DISTINCT FROM NEW.township_code
    OR OLD.level IS DISTINCT FROM NEW.level OR OLD.point_type IS DISTINCT FROM NEW.point_type OR OLD.status IS DISTINCT FROM NEW.status
    OR OLD.land_use IS DISTINCT FROM NEW.land_use OR OLD.soil_type IS DISTINCT FROM NEW.soil_type OR OLD.geom IS DISTINCT FROM NEW.geom)
  EXECUTE FUNCTION coverage_version_point_update();
CREATE TRIGGER coverage_version_truncate AFTER TRUNCATE ON monitoring_point
  FOR EACH STATEMENT EXECUTE FUNCTION coverage_version_truncate('monitoring_point');

CREATE TRIGGER coverage_version_insert AFTER INSERT ON township REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION coverage_version_townships();
CREATE TRIGGER coverage_version_update AFTER UPDATE ON township REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION coverage_version_townships();
CREATE TRIGGER coverage_version_delete AFTER DELETE ON township REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION coverage_version_townships();
CREATE TRIGGER coverage_version_truncate AFTER TRUNCATE ON township
  FOR EACH STATEMENT EXECUTE FUNCTION coverage_version_truncate('township');

INSERT INTO coverage_version (adcode, land_version, point_version, active_version, farmland_3857, farmland_max_lat, active_3857)
SELECT a.adcode, 1, 1, 1, f.box, f.max_lat, p.box
FROM (SELECT adcode FROM county UNION SELECT adcode FROM farmland_parcel UNION SELECT adcode FROM monitoring_point) a
LEFT JOIN (
  SELECT adcode, ST_SetSRID(ST_Extent(geom_3857)::geometry, 3857) AS box, max(greatest(abs(ST_YMin(geom)), abs(ST_YMax(geom)))) AS max_lat
  FROM farmland_parcel GROUP BY adcode
) f ON f.adcode = a.adcode
LEFT JOIN (
  SELECT adcode, ST_SetSRID(ST_Extent(geom_3857)::geometry, 3857) AS box FROM monitoring_point WHERE status = 'active' GROUP BY adcode
) p ON p.adcode = a.adcode;
