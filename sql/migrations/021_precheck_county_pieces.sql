-- 用地准入核查 (issue 8, leftovers): county outlines cut into pieces of at most 256 vertices (ST_Subdivide) for the
-- pre-check's county test (sql/queries/precheck/overlay.sql: which county holds most of the plot and how much lies
-- outside it). A plot meets one or two small pieces instead of a county outline of 600–2,400 vertices, so the
-- overlay works on ~256 vertices (as migration 015 does for control zones). The pieces do not overlap: a county's
-- share of the plot is the sum over its pieces. Kept in step with county by triggers (insert, change of outline,
-- delete, truncate).

CREATE TABLE county_sub (
  adcode  char(6) NOT NULL,
  piece   integer NOT NULL,
  geom    geometry(Geometry, 4490) NOT NULL,
  PRIMARY KEY (adcode, piece)
);
CREATE INDEX county_sub_geom_idx ON county_sub USING gist (geom);

-- Replaces the pieces of one county (none when it was deleted).
CREATE FUNCTION county_sub_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    DELETE FROM county_sub WHERE adcode = OLD.adcode;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO county_sub (adcode, piece, geom)
    SELECT NEW.adcode, (row_number() OVER ())::integer, s.geom
    FROM ST_Subdivide(NEW.geom, 256) AS s(geom);
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION county_sub_clear() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE county_sub;
  RETURN NULL;
END $$;

CREATE TRIGGER county_sub_insert_delete
  AFTER INSERT OR DELETE ON county
  FOR EACH ROW EXECUTE FUNCTION county_sub_sync();

CREATE TRIGGER county_sub_update
  AFTER UPDATE OF geom, adcode ON county
  FOR EACH ROW WHEN (OLD.geom IS DISTINCT FROM NEW.geom OR OLD.adcode IS DISTINCT FROM NEW.adcode)
  EXECUTE FUNCTION county_sub_sync();

CREATE TRIGGER county_sub_truncate
  AFTER TRUNCATE ON county
  FOR EACH STATEMENT EXECUTE FUNCTION county_sub_clear();

INSERT INTO county_sub (adcode, piece, geom)
SELECT c.adcode, (row_number() OVER (PARTITION BY c.adcode))::integer, s.geom
FROM county c CROSS JOIN LATERAL ST_Subdivide(c.geom, 256) AS s(geom);
