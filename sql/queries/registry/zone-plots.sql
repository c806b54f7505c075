-- $1 adcode, $2 zone id. The plots a zone protects.
SELECT p.id, p.code, p.name, p.status, p.review_status
FROM control_zone_plot zp JOIN contaminated_plot p ON p.adcode = zp.adcode AND p.id = zp.plot_id
WHERE zp.adcode = $1 AND zp.zone_id = $2
ORDER BY p.code
