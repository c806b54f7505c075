-- $1 document id, $2 plot event id. Ties a document to the lifecycle step it was handed in with.
UPDATE stored_document SET event_id = $2, version = version + 1, updated_at = now()
WHERE id = $1
