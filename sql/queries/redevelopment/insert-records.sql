-- $1 adcodes, $2 plot ids, $3 plot codes, $4 plot names, $5 dates of use, $6 planned uses, $7 areas m², $8 targets met,
-- $9 bases, $10 approval refs, $11 document ids, $12 who, $13 notes. Redevelopment records entered by hand or imported.
INSERT INTO plot_redevelopment (adcode, plot_id, plot_code, plot_name, year, used_on, planned_use, area_m2,
                                meets_requirement, basis, approval_ref, document_id, note, created_by, updated_by)
SELECT r.adcode, r.plot_id, r.code, r.name, extract(year FROM r.used_on)::smallint, r.used_on, r.planned_use, r.area_m2,
       r.met, r.basis, r.approval_ref, r.document_id, r.note, $12, $12
FROM unnest($1::bpchar[], $2::bigint[], $3::text[], $4::text[], $5::date[], $6::text[], $7::float8[], $8::boolean[],
            $9::text[], $10::text[], $11::bigint[], $13::text[])
     AS r(adcode, plot_id, code, name, used_on, planned_use, area_m2, met, basis, approval_ref, document_id, note)
