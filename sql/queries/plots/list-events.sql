-- $1 adcode, $2 plot id. The chronology of a plot, oldest first, with the actor's name.
SELECT e.id, e.action, e.from_status, e.to_status, e.risk_level, e.document, e.review_document, e.reason,
       e.actor, u.display_name AS actor_name, e.at
FROM plot_event e LEFT JOIN app_user u ON u.username = e.actor
WHERE e.adcode = $1 AND e.plot_id = $2
ORDER BY e.at, e.id
