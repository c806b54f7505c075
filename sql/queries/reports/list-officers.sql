-- $1 county codes. Active staff (not administrators) whose scope covers one of the counties: a report's officers.
SELECT u.username, u.display_name AS name, u.department,
       array_agg(DISTINCT c.adcode::text ORDER BY c.adcode::text) AS counties
FROM app_user u
JOIN app_user_scope s ON s.user_id = u.id
JOIN county c ON c.adcode = ANY($1::bpchar[])
  AND (s.code = c.adcode OR s.code = substr(c.adcode, 1, 4) || '00' OR s.code = substr(c.adcode, 1, 2) || '0000')
WHERE u.is_active AND u.role <> 'admin'
GROUP BY u.username, u.display_name, u.department
ORDER BY u.department, u.username
