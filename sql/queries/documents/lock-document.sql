-- $1 document id. The document locked for a change.
SELECT id, adcode::text, owner_kind, owner_id, kind, title, is_public, event_id, version
FROM stored_document WHERE id = $1
FOR UPDATE
