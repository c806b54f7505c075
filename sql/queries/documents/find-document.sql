-- $1 document id. One document with its uploader's name.
SELECT d.id, d.adcode::text, d.owner_kind, d.owner_id, d.kind, d.title, d.file_name, d.media_type, d.size_bytes,
       d.sha256, d.store, d.store_key, d.is_public, d.event_id, d.version, d.uploaded_by,
       u.display_name AS uploaded_by_name, d.uploaded_at, d.updated_by, d.updated_at
FROM stored_document d LEFT JOIN app_user u ON u.username = d.uploaded_by
WHERE d.id = $1
