-- $1 credit codes: the enterprises already registered under one of them, in any county (the service tells the
-- caller's counties from the others).
SELECT e.id, e.adcode::text, e.credit_code::text, e.name
FROM supervised_enterprise e
WHERE e.credit_code = ANY ($1::text[])
ORDER BY e.credit_code, e.adcode
