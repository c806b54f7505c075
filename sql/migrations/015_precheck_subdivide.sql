-- 用地准入核查 (issue 8): published control zones cut into pieces of at most 256 vertices (ST_Subdivide) for the
-- overlays. A plot meets a few small pieces instead of a zone of up to ~20,000 vertices: the index finds them by
-- their own boxes and ST_Intersects / ST_Intersection work on ~256 vertices each (../shared/PERF.md: 15× faster
-- point/plot checks). The pieces do not overlap, so the overlap with a zone is the sum over its pieces.
-- Kept in step with published_control_zone by triggers (insert, change of outline, delete, truncate).

CREATE TABLE published_control_zone_sub (
  adcode  char(6) NOT NULL,
  id      bigint NOT NULL,                     -- the published zone
  piece   integer NOT NULL,
  geom    geometry(Geometry, 4490) NOT NULL,
  PRIMARY KEY (adcode, id, piece)
);
CREATE INDEX published_control_zone_sub_geom_idx ON published_control_zone_sub USING gist (geom);

-- Replaces the pieces of one published zone (none when it was deleted).
CREATE FUNCTION published_control_zone_sub_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    DELETE FROM published_control_zone_sub WHERE adcode = OLD.adcode AND id = OLD.id;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO published_control_zone_sub (adcode, id, piece, geom)
    SELECT NEW.adcode, NEW.id, (row_number() OVER ())::integer, s.geom
    FROM ST_Subdivide(NEW.geom, 256) AS s(geom);
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION published_control_zone_sub_clear() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE published_control_zone_sub;
  RETURN NULL;
END $$;

CREATE TRIGGER published_control_zone_sub_insert_delete
  AFTER INSERT OR DELETE ON published_control_zone
  FOR EACH ROW EXECUTE FUNCTION published_control_zone_sub_sync();

CREATE TRIGGER published_control_zone_sub_update
  AFTER UPDATE OF geom, adcode, id ON published_control_zone
  FOR EACH ROW WHEN (OLD.geom IS DISTINCT FROM NEW.geom OR OLD.adcode IS DISTINCT FROM NEW.adcode OR OLD.id IS DISTINCT FROM NEW.id)
  EXECUTE FUNCTION published_control_zone_sub_sync();

CREATE TRIGGER published_control_zone_sub_truncate
  AFTER TRUNCATE ON published_control_zone
  FOR EACH STATEMENT EXECUTE FUNCTION published_control_zone_sub_clear();

INSERT INTO published_control_zone_sub (adcode, id, piece, geom)
SELECT z.adcode, z.id, (row_number() OVER (PARTITION BY z.adcode, z.id))::integer, s.geom
FROM published_control_zone z CROSS JOIN LATERAL ST_Subdivide(z.geom, 256) AS s(geom);
