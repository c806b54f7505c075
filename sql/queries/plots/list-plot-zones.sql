-- $1 adcode, $2 plot id. The control zones that protect a plot.
SELECT z.id, z.code, z.name, z.review_status
FROM control_zone_plot zp JOIN control_zone z ON z.adcode = zp.adcode AND z.id = zp.zone_id
WHERE zp.adcode = $1 AND zp.plot_id = $2
ORDER BY z.code
