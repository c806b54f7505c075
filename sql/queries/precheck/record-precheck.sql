-- $1 adcode, $2 number format (format() with the year and the zero-padded sequence), $3 name, $4 reference,
-- $5 planned use, $6 land class, $7 verdict, $8 reasons, $9 data version, $10 GeoJSON (EPSG:4490), $11 rerun of,
-- $12 officer, $13 officer's name. Takes the county's next number of the year (China time) and records the check
-- in one statement, answered as find-precheck.sql answers except the reasons and data version (the caller has
-- them). The counter row stays locked until the transaction ends, so concurrent checks wait only for this
-- statement and the commit and get consecutive numbers.
WITH n AS (
  INSERT INTO precheck_counter AS c (adcode, year, last)
  VALUES ($1, extract(year FROM (now() AT TIME ZONE 'UTC') + interval '8 hours')::integer, 1)
  ON CONFLICT (adcode, year) DO UPDATE SET last = c.last + 1
  RETURNING c.adcode, c.year, c.last AS seq
),
p AS (
  INSERT INTO precheck (adcode, year, seq, number, name, reference, planned_use, land_class, verdict, reasons, data_version,
                        geom, rerun_of, checked_by, checked_by_name)
  SELECT n.adcode, n.year, n.seq, format($2::text, n.year, lpad(n.seq::text, greatest(4, length(n.seq::text)), '0')),
         $3, $4, $5, $6, $7, $8::jsonb, $9::jsonb, ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON($10), 4490)), $11, $12, $13
  FROM n
  RETURNING adcode, id, number, name, reference, planned_use, land_class, verdict, area_m2, rerun_of, checked_by, checked_by_name, checked_at, geom
)
SELECT p.id, p.adcode::text, c.name AS county_name, c.city || ' ' || c.name AS county, p.number, p.name, p.reference,
       p.planned_use, p.land_class, p.verdict, p.area_m2, p.rerun_of,
       p.checked_by, p.checked_by_name, p.checked_at, ST_AsGeoJSON(p.geom, 15)::jsonb AS geometry
FROM p JOIN county c USING (adcode)
