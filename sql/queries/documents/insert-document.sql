-- $1 adcode, $2 owner kind, $3 owner id, $4 kind, $5 title, $6 file name, $7 media type, $8 size, $9 sha256,
-- $10 store, $11 store key, $12 uploader. A stored document's record (the bytes go in separately).
INSERT INTO stored_document (adcode, owner_kind, owner_id, kind, title, file_name, media_type, size_bytes, sha256,
                             store, store_key, uploaded_by, updated_by)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12)
RETURNING id
