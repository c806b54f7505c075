-- $1 row id. A ledger row with its county and year (its version guards the change).
SELECT a.id, a.adcode::text, c.name AS county, a.year::int, a.parcel_code, a.version, a.pollution_degree AS degree,
       a.degree_reason, a.area_m2, a.produce_compliant, a.produce_source, a.implementer, a.implemented_from::text,
       a.implemented_to::text, a.note, a.updated_by
FROM safe_use_account a JOIN county c USING (adcode)
WHERE a.id = $1
