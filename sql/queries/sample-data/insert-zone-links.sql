-- $1 adcode, $2 zone id, $3 protected plot code (nullable), $4 sign labels, $5 sign lon, $6 sign lat
WITH link AS (
  INSERT INTO control_zone_plot (adcode, zone_id, plot_id)
  SELECT $1, $2, p.id FROM contaminated_plot p WHERE p.adcode = $1 AND p.code = $3
)
INSERT INTO control_zone_sign (adcode, zone_id, label, geom)
SELECT $1, $2, label, ST_SetSRID(ST_MakePoint(lon, lat), 4490)
FROM unnest($4::text[], $5::float8[], $6::float8[]) AS s(label, lon, lat)
