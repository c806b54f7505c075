-- $1 county codes. The redevelopment records of the counties, as the import template writes them.
SELECT r.adcode::text, r.plot_code, r.plot_name, r.planned_use, r.used_on::text, r.year::int, r.meets_requirement,
       r.approval_ref, r.note, r.basis, r.is_generated
FROM plot_redevelopment r
WHERE r.adcode = ANY($1::bpchar[])
ORDER BY r.adcode, r.plot_code
