-- $1 published plot id, $2 statuses of the lists whose documents may be public. The public documents of a published
-- plot: public fields only.
SELECT d.id, d.kind, d.title, d.file_name, d.size_bytes, d.sha256, d.uploaded_at
FROM stored_document d
JOIN published_plot p ON p.adcode = d.adcode AND p.id = d.owner_id
WHERE d.owner_kind = 'plot' AND d.is_public AND p.id = $1 AND p.status = ANY($2::text[])
ORDER BY d.uploaded_at, d.id
