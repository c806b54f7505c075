-- $1 adcode, $2 id, $3 new review status, $4 return reason (kept only while returned)
UPDATE ban_zone SET review_status = $3, review_reason = $4, version = version + 1, updated_at = now()
WHERE adcode = $1 AND id = $2
RETURNING version, published_version
