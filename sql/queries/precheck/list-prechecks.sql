-- $1 county codes, $2 number (part) or null, $3 from date or null, $4 to date or null (China time, inclusive),
-- $5 verdict or null, $6 text in name, reference or number or null, $7 limit. Newest first.
SELECT p.id, p.adcode::text, c.city || ' ' || c.name AS county, p.number, p.name, p.reference, p.planned_use,
       p.land_class, p.verdict, p.area_m2, p.rerun_of, p.checked_by, p.checked_by_name, p.checked_at
FROM precheck p JOIN county c USING (adcode)
WHERE p.adcode = ANY($1::char(6)[])
  AND ($2::text IS NULL OR p.number LIKE '%' || $2 || '%')
  AND ($3::date IS NULL OR p.checked_at >= ($3::date::timestamp - interval '8 hours') AT TIME ZONE 'UTC')
  AND ($4::date IS NULL OR p.checked_at < ($4::date::timestamp + interval '16 hours') AT TIME ZONE 'UTC')
  AND ($5::text IS NULL OR p.verdict = $5)
  AND ($6::text IS NULL OR p.name ILIKE '%' || $6 || '%' OR p.reference ILIKE '%' || $6 || '%' OR p.number LIKE '%' || $6 || '%')
ORDER BY p.checked_at DESC, p.id DESC
LIMIT $7
