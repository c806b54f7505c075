-- $1 adcode, $2 number format (format() with the year and the zero-padded sequence), $3 project name, $4 reference,
-- $5 industry, $6 whether it is a controlled industry, $7 verdict, $8 reasons, $9 monitoring points, $10 rules,
-- $11 GeoJSON (EPSG:4490), $12 officer, $13 officer's name. Takes the county's next check number of the year (China
-- time) from the pre-check's counter and records the check in one statement, answered as find-siting-check.sql
-- answers. The counter row stays locked until the transaction ends (as precheck/record-precheck.sql).
WITH n AS (
  INSERT INTO precheck_counter AS c (adcode, year, last)
  VALUES ($1, extract(year FROM (now() AT TIME ZONE 'UTC') + interval '8 hours')::integer, 1)
  ON CONFLICT (adcode, year) DO UPDATE SET last = c.last + 1
  RETURNING c.adcode, c.year, c.last AS seq
),
s AS (
  INSERT INTO siting_check (adcode, year, seq, number, project_name, reference, industry, is_controlled_industry, verdict,
                            reasons, monitoring, rules, geom, checked_by, checked_by_name)
  SELECT n.adcode, n.year, n.seq, format($2::text, n.year, lpad(n.seq::text, greatest(4, length(n.seq::text)), '0')),
         $3, $4, $5, $6, $7, $8::jsonb, $9::jsonb, $10::jsonb, ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON($11), 4490)), $12, $13
  FROM n
  RETURNING *
)
SELECT s.id, s.adcode::text, c.name AS county_name, c.city || ' ' || c.name AS county, s.number, s.project_name,
       s.reference, s.industry, s.is_controlled_industry, s.verdict, s.reasons, s.monitoring, s.rules, s.area_m2,
       s.checked_by, s.checked_by_name, s.checked_at, ST_AsGeoJSON(s.geom, 15)::jsonb AS geometry
FROM s JOIN county c USING (adcode)
