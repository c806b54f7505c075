-- $1 adcode, $2 report id. The history of a report, oldest first, with the officers' names.
SELECT e.id, e.action, e.actor, coalesce(u.display_name, e.actor) AS actor_name, e.body, e.detail, e.created_at
FROM public_report_event e LEFT JOIN app_user u ON u.username = e.actor
WHERE e.adcode = $1 AND e.report_id = $2
ORDER BY e.created_at, e.id
