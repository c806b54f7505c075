-- $1 adcode, $2 plot ids. Writes the published version of each plot: public fields only (no contact, no land
-- user, no review notes), its negative list, and the next published version number.
WITH bumped AS (
  UPDATE contaminated_plot SET published_version = published_version + 1
  WHERE adcode = $1 AND id = ANY($2::bigint[])
  RETURNING adcode, id, published_version, code, name, status, risk_level, former_industry, former_industry_note, address,
            geom, is_generated
)
INSERT INTO published_plot AS pp (adcode, id, version, code, name, status, risk_level, former_industry,
                                  former_industry_note, address, negative_uses, geom, published_at, is_generated)
SELECT b.adcode, b.id, b.published_version, b.code, b.name, b.status, b.risk_level, b.former_industry,
       b.former_industry_note, b.address,
       (SELECT coalesce(jsonb_agg(jsonb_build_object('useCode', n.use_code, 'basis', n.basis) ORDER BY n.use_code), '[]')
          FROM plot_negative_use n WHERE n.adcode = b.adcode AND n.plot_id = b.id),
       b.geom, now(), b.is_generated
FROM bumped b
ON CONFLICT (adcode, id) DO UPDATE SET
  version = EXCLUDED.version, code = EXCLUDED.code, name = EXCLUDED.name, status = EXCLUDED.status,
  risk_level = EXCLUDED.risk_level, former_industry = EXCLUDED.former_industry,
  former_industry_note = EXCLUDED.former_industry_note, address = EXCLUDED.address,
  negative_uses = EXCLUDED.negative_uses, geom = EXCLUDED.geom, published_at = EXCLUDED.published_at,
  is_generated = EXCLUDED.is_generated
RETURNING pp.id, pp.version
