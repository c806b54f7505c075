-- $1 point codes: every point with one of the codes, in any county (the service tells in-scope from out-of-scope),
-- locked so no one edits them while their results are written.
SELECT m.id, m.adcode::text, k.name AS county, m.code, m.point_type, m.status
FROM monitoring_point m JOIN county k ON k.adcode = m.adcode
WHERE m.code = ANY ($1::text[])
ORDER BY m.code, m.adcode
FOR UPDATE OF m
