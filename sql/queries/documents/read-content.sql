-- $1 adcode, $2 document id. The bytes of a document kept in the database.
SELECT bytes FROM stored_document_content WHERE adcode = $1 AND document_id = $2
