-- Publishes or withdraws a county's 饮用水水源保护区 (all zones of the county at once). $1 the county code; $2 true to
-- publish. The number of zones changed.
UPDATE water_source_zone
SET is_published = $2::boolean, published_at = CASE WHEN $2::boolean THEN now() END
WHERE adcode = $1::char(6)
RETURNING id
