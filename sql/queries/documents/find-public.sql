-- $1 document id, $2 statuses of the lists whose documents may be public. A public document of a published plot.
SELECT d.id, d.adcode::text, d.file_name, d.media_type, d.size_bytes, d.store, d.store_key
FROM stored_document d
JOIN published_plot p ON p.adcode = d.adcode AND p.id = d.owner_id
WHERE d.id = $1 AND d.owner_kind = 'plot' AND d.is_public AND p.status = ANY($2::text[])
