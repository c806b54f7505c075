-- $1 adcode, $2 plot code. The redevelopment record of a plot with its approval document and who changed it last.
SELECT r.id, r.adcode::text, r.plot_id, r.plot_code, r.plot_name, r.year::int, r.planned_use, r.area_m2,
       r.meets_requirement, r.basis, r.used_on::text, r.approval_ref, r.note, r.document_id, d.title AS document_title,
       d.file_name AS document_file_name, r.version, r.is_generated, coalesce(r.updated_by, r.created_by) AS updated_by,
       u.display_name AS updated_by_name, r.updated_at
FROM plot_redevelopment r
LEFT JOIN stored_document d ON d.id = r.document_id
LEFT JOIN app_user u ON u.username = coalesce(r.updated_by, r.created_by)
WHERE r.adcode = $1 AND r.plot_code = $2
