-- $1 adcode, $2 document id, $3 bytes. The file of a document kept in the database.
INSERT INTO stored_document_content (adcode, document_id, bytes) VALUES ($1, $2, $3)
