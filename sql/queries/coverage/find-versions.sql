-- The data versions the coverage figures of the counties $1 rest on at the distance $2 m (migration 022): the
-- county's land and point versions, and the active version of every county whose box of active points meets the
-- county's farmland box widened by the distance in EPSG:3857 at the farmland's largest |latitude| (plus 0.1 % and
-- 1 m, so rounding never narrows it). A county without a row has version 0 and no farmland.
SELECT a.adcode, coalesce(v.land_version, 0) AS land_version, coalesce(v.point_version, 0) AS point_version, coalesce(r.reach, '') AS reach
FROM unnest($1::text[]) AS a(adcode)
LEFT JOIN coverage_version v ON v.adcode = a.adcode::char(6)
LEFT JOIN LATERAL (
  SELECT string_agg(k.adcode || ':' || k.active_version, ',' ORDER BY k.adcode) AS reach
  FROM coverage_version k
  WHERE k.active_3857 && ST_Expand(v.farmland_3857, $2::float8 * 1.001 / cos(radians(least(v.farmland_max_lat, 89))) + 1)
) r ON true
