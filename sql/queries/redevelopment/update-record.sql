-- $1 adcode, $2 plot code, $3 date of use, $4 planned use, $5 targets met, $6 basis, $7 approval ref, $8 document id,
-- $9 who, $10 note. Changes a redevelopment record; it is no longer a generated one. The new version.
UPDATE plot_redevelopment
SET used_on = $3, year = extract(year FROM $3::date)::smallint, planned_use = $4, meets_requirement = $5, basis = $6,
    approval_ref = $7, document_id = $8, note = $10, is_generated = false, version = version + 1, updated_by = $9, updated_at = now()
WHERE adcode = $1 AND plot_code = $2
RETURNING version
