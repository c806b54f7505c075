-- $1 adcode, $2 enterprise id. The enterprise's pending proposal, else its confirmed one (with the plot code).
SELECT p.id, p.status, pl.code AS plot_code
FROM plot_proposal p LEFT JOIN contaminated_plot pl ON pl.adcode = p.adcode AND pl.id = p.plot_id
WHERE p.adcode = $1 AND p.enterprise_id = $2 AND p.status IN ('pending', 'confirmed')
ORDER BY (p.status = 'pending') DESC, p.created_at DESC
LIMIT 1
