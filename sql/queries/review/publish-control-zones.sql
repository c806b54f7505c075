-- $1 adcode, $2 zone ids. Writes the published version of each control zone with its announcement, its signs,
-- the plots it protects (plot_ids, internal) and the codes of those that are themselves published (an unpublished
-- plot is never named; triggers on published_plot keep the codes in step when one is published or removed later,
-- migration 024).
WITH bumped AS (
  UPDATE control_zone SET published_version = published_version + 1
  WHERE adcode = $1 AND id = ANY($2::bigint[])
  RETURNING adcode, id, published_version, code, name, announcement_no, announcement_date, announcement_text,
            monitor_soil, monitor_surface_water, monitor_groundwater, monitor_air, geom, is_generated
)
INSERT INTO published_control_zone AS pz (adcode, id, version, code, name, announcement_no, announcement_date,
  announcement_text, monitor_soil, monitor_surface_water, monitor_groundwater, monitor_air, plot_ids, plot_codes, signs,
  geom, published_at, is_generated)
SELECT b.adcode, b.id, b.published_version, b.code, b.name, b.announcement_no, b.announcement_date, b.announcement_text,
       b.monitor_soil, b.monitor_surface_water, b.monitor_groundwater, b.monitor_air,
       ARRAY(SELECT zp.plot_id FROM control_zone_plot zp WHERE zp.adcode = b.adcode AND zp.zone_id = b.id ORDER BY zp.plot_id),
       ARRAY(SELECT pp.code FROM control_zone_plot zp JOIN published_plot pp ON pp.adcode = zp.adcode AND pp.id = zp.plot_id
              WHERE zp.adcode = b.adcode AND zp.zone_id = b.id ORDER BY pp.code),
       (SELECT coalesce(jsonb_agg(jsonb_build_object('label', s.label, 'lon', ST_X(s.geom), 'lat', ST_Y(s.geom)) ORDER BY s.id), '[]')
          FROM control_zone_sign s WHERE s.adcode = b.adcode AND s.zone_id = b.id),
       b.geom, now(), b.is_generated
FROM bumped b
ON CONFLICT (adcode, id) DO UPDATE SET
  version = EXCLUDED.version, code = EXCLUDED.code, name = EXCLUDED.name, announcement_no = EXCLUDED.announcement_no,
  announcement_date = EXCLUDED.announcement_date, announcement_text = EXCLUDED.announcement_text,
  monitor_soil = EXCLUDED.monitor_soil, monitor_surface_water = EXCLUDED.monitor_surface_water,
  monitor_groundwater = EXCLUDED.monitor_groundwater, monitor_air = EXCLUDED.monitor_air,
  plot_ids = EXCLUDED.plot_ids, plot_codes = EXCLUDED.plot_codes, signs = EXCLUDED.signs, geom = EXCLUDED.geom,
  published_at = EXCLUDED.published_at, is_generated = EXCLUDED.is_generated
RETURNING pz.id, pz.version
