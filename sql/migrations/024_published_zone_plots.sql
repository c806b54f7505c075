-- The public copy of a control zone names the plots it protects that are themselves published. A plot is often
-- published after its zone, and may leave the published registry later: each published copy of a zone keeps the
-- plots its zone protected when it was published (plot_ids, internal: the public side never reads it), and
-- triggers on published_plot rewrite the named codes of every copy protecting a plot whose published copy is
-- written, recoded or removed, in the transaction that does it. A plot linked to a zone after the zone's
-- publication is an unpublished change of the zone: it is named only when the zone is published again.
ALTER TABLE published_control_zone ADD COLUMN plot_ids bigint[] NOT NULL DEFAULT '{}';

-- copies written before: a zone not edited since its publication protects its current plots; a zone reopened
-- since keeps the plots its copy already names
UPDATE published_control_zone pz SET plot_ids = ARRAY(
  SELECT zp.plot_id
  FROM control_zone_plot zp JOIN control_zone z ON z.adcode = zp.adcode AND z.id = zp.zone_id
  WHERE zp.adcode = pz.adcode AND zp.zone_id = pz.id
    AND (z.review_status = 'published'
         OR EXISTS (SELECT 1 FROM published_plot pp WHERE pp.adcode = zp.adcode AND pp.id = zp.plot_id AND pp.code = ANY(pz.plot_codes)))
  ORDER BY zp.plot_id);

UPDATE published_control_zone pz SET plot_codes = ARRAY(
  SELECT pp.code FROM published_plot pp WHERE pp.adcode = pz.adcode AND pp.id = ANY(pz.plot_ids) ORDER BY pp.code)
WHERE pz.plot_ids <> '{}' OR pz.plot_codes <> '{}';

-- Rewrites the plot codes of the zone copies that protect the plot inserted, recoded or deleted.
CREATE FUNCTION published_control_zone_plot_codes_sync() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  plot_adcode char(6);
  plot_id bigint;
BEGIN
  IF TG_OP = 'DELETE' THEN
    plot_adcode := OLD.adcode;
    plot_id := OLD.id;
  ELSE
    plot_adcode := NEW.adcode;
    plot_id := NEW.id;
  END IF;
  UPDATE published_control_zone pz SET plot_codes = ARRAY(
    SELECT pp.code FROM published_plot pp WHERE pp.adcode = pz.adcode AND pp.id = ANY(pz.plot_ids) ORDER BY pp.code)
  WHERE pz.adcode = plot_adcode AND plot_id = ANY(pz.plot_ids);
  RETURN NULL;
END $$;

CREATE FUNCTION published_control_zone_plot_codes_clear() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE published_control_zone SET plot_codes = '{}' WHERE plot_codes <> '{}';
  RETURN NULL;
END $$;

CREATE TRIGGER published_control_zone_plot_codes_insert_delete
  AFTER INSERT OR DELETE ON published_plot
  FOR EACH ROW EXECUTE FUNCTION published_control_zone_plot_codes_sync();

CREATE TRIGGER published_control_zone_plot_codes_update
  AFTER UPDATE OF code ON published_plot
  FOR EACH ROW WHEN (OLD.code IS DISTINCT FROM NEW.code)
  EXECUTE FUNCTION published_control_zone_plot_codes_sync();

CREATE TRIGGER published_control_zone_plot_codes_truncate
  AFTER TRUNCATE ON published_plot
  FOR EACH STATEMENT EXECUTE FUNCTION published_control_zone_plot_codes_clear();
