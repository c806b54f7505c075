-- $1 adcode, $2 plot code. The redevelopment record of a plot locked for a change.
SELECT id, version, coalesce(updated_by, created_by) AS updated_by, updated_at
FROM plot_redevelopment WHERE adcode = $1 AND plot_code = $2
FOR UPDATE
