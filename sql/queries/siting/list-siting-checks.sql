-- $1 county codes, $2 number (part) or null, $3 from date or null, $4 to date or null (China time, inclusive),
-- $5 verdict or null, $6 industry or null, $7 text in project name, reference or number or null, $8 limit. Newest first.
SELECT s.id, s.adcode::text, c.city || ' ' || c.name AS county, s.number, s.project_name, s.reference, s.industry,
       s.is_controlled_industry, s.verdict, s.area_m2, s.checked_by, s.checked_by_name, s.checked_at
FROM siting_check s JOIN county c USING (adcode)
WHERE s.adcode = ANY($1::char(6)[])
  AND ($2::text IS NULL OR s.number LIKE '%' || $2 || '%')
  AND ($3::date IS NULL OR s.checked_at >= ($3::date::timestamp - interval '8 hours') AT TIME ZONE 'UTC')
  AND ($4::date IS NULL OR s.checked_at < ($4::date::timestamp + interval '16 hours') AT TIME ZONE 'UTC')
  AND ($5::text IS NULL OR s.verdict = $5)
  AND ($6::text IS NULL OR s.industry = $6)
  AND ($7::text IS NULL OR s.project_name ILIKE '%' || $7 || '%' OR s.reference ILIKE '%' || $7 || '%' OR s.number LIKE '%' || $7 || '%')
ORDER BY s.checked_at DESC, s.id DESC
LIMIT $8
