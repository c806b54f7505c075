-- $1 report id. A report as its history and the enterprises near it are read: without a lock.
SELECT r.adcode::text, r.id, c.name AS county, r.status, r.handled_by, r.handled_at, r.version, r.updated_at,
       r.updated_by, uu.display_name AS updated_by_name, r.description, r.public_reply, r.plot_id,
       r.department, r.assignee, ST_X(r.geom) AS lon, ST_Y(r.geom) AS lat,
       (SELECT t.name FROM township t WHERE t.adcode = r.adcode AND ST_Intersects(t.geom, r.geom) ORDER BY t.code LIMIT 1)
         AS township
FROM public_report r JOIN county c USING (adcode)
LEFT JOIN app_user uu ON uu.username = r.updated_by
WHERE r.id = $1
