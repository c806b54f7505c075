-- Stored documents may also live in an S3-compatible object store (DOCUMENT_STORE=s3; store_key names the object).
ALTER TABLE stored_document DROP CONSTRAINT stored_document_store_check;
ALTER TABLE stored_document ADD CONSTRAINT stored_document_store_check CHECK (store IN ('database', 'folder', 's3'));
