SELECT p.id, p.adcode::text, p.review_status, p.review_reason, p.version, p.published_version, p.code, p.name, p.status, p.risk_level, p.former_industry, p.former_industry_note, p.land_user, p.address, p.contact,
       p.area_m2, p.is_generated, c.name AS county, c.city,
       (SELECT coalesce(jsonb_agg(jsonb_build_object('useCode', n.use_code, 'basis', n.basis) ORDER BY n.use_code), '[]')
          FROM plot_negative_use n WHERE n.adcode = p.adcode AND n.plot_id = p.id) AS negative_uses,
       (SELECT string_agg(z.name, '、') FROM control_zone_plot zp JOIN control_zone z ON z.adcode = zp.adcode AND z.id = zp.zone_id
          WHERE zp.adcode = p.adcode AND zp.plot_id = p.id) AS zones,
       ARRAY[ST_XMin(p.geom), ST_YMin(p.geom), ST_XMax(p.geom), ST_YMax(p.geom)] AS bbox
FROM contaminated_plot p JOIN county c USING (adcode)
WHERE p.id = $1
