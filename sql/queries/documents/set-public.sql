-- $1 document id, $2 public, $3 who. Marks a document public or internal; the new version.
UPDATE stored_document SET is_public = $2, version = version + 1, updated_by = $3, updated_at = now()
WHERE id = $1
RETURNING version
