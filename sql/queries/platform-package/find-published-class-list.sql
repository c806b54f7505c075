-- The county's latest published class list (审定发布, complete), with how many times it has been published;
-- a list reopened for editing is back in draft and is not taken. $1 = adcode.
SELECT id, published_version
FROM class_list
WHERE adcode = $1 AND review_status = 'published' AND is_complete
ORDER BY published_at DESC NULLS LAST, id DESC
LIMIT 1
