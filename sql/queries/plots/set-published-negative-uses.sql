-- $1 adcode, $2 plot id, $3 negative list [{useCode, basis}] (JSON). The published copy's negative list: the
-- defaults of the published state and the uses officers added, as the plot page shows them.
UPDATE published_plot SET negative_uses = $3::jsonb
WHERE adcode = $1 AND id = $2
