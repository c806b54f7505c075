-- $1 list code, $2 jurisdiction, $3 version, $4 publisher, $5 entries, $6 announcement.
INSERT INTO registry_list_version (list_code, jurisdiction, version, published_by, entries, announcement)
VALUES ($1, $2, $3, $4, $5, $6)
RETURNING id, version, published_at
