-- One page of the internal collection `control-zones-internal` (OGC API - Features): every control zone of the
-- caller's counties, published or not, with its review state and published version, announcement, monitoring
-- required and the codes of the plots it protects. Parameters as in farmland-parcels-items.sql.
SELECT z.id, z.adcode::text AS adcode, c.name AS county, z.code, z.name, z.review_status, z.published_version,
       z.announcement_no, to_char(z.announcement_date, 'YYYY-MM-DD') AS announcement_date,
       z.monitor_soil, z.monitor_surface_water, z.monitor_groundwater, z.monitor_air,
       ARRAY(SELECT p.code FROM control_zone_plot zp
             JOIN contaminated_plot p ON p.adcode = zp.adcode AND p.id = zp.plot_id
             WHERE zp.adcode = z.adcode AND zp.zone_id = z.id ORDER BY p.code) AS plot_codes,
       round(z.area_m2::numeric, 1)::float8 AS area_m2, z.updated_at, z.is_generated,
       ST_AsGeoJSON(CASE WHEN $8::boolean THEN ST_FlipCoordinates(ST_Transform(z.geom, $11::int))
                         ELSE ST_Transform(z.geom, $11::int) END,
                    CASE WHEN $11::int = 4490 THEN 7 ELSE 3 END) AS geometry
FROM control_zone z
JOIN county c ON c.adcode = z.adcode
WHERE z.adcode = ANY ($10::bpchar[])
  AND (z.adcode, z.id) > ($1::bpchar, $2::bigint)
  AND ($9::bigint IS NULL OR z.id = $9::bigint)
  AND ($4::float8 IS NULL OR ST_Intersects(z.geom, ST_MakeEnvelope($4, $5, $6, $7, 4490)))
  AND TRUE -- filter
ORDER BY z.adcode, z.id
LIMIT $3
