-- $1 adcodes, $2 most versions per county. The versions of the 优先保护类耕地集中区域 of each county, newest first, with
-- the area per township summed over the version's areas.
SELECT v.adcode, c.name AS county, v.version, v.list_id::int AS list_id, v.list_version, v.list_title, v.gap_m,
       v.min_area_m2, v.area_count, v.area_m2, v.parcel_count, v.priority_m2, v.computed_at,
       (SELECT coalesce(jsonb_agg(jsonb_build_object('code', t.code, 'name', t.name, 'areaM2', t.area_m2)
                                  ORDER BY t.area_m2 DESC), '[]')
        FROM (SELECT e->>'code' AS code, e->>'name' AS name, sum((e->>'areaM2')::float8) AS area_m2
              FROM priority_area a, jsonb_array_elements(a.townships) e
              WHERE a.adcode = v.adcode AND a.version = v.version
              GROUP BY 1, 2) t) AS townships
FROM (SELECT *, row_number() OVER (PARTITION BY adcode ORDER BY version DESC) AS n FROM priority_area_version
      WHERE adcode = ANY($1::bpchar[])) v
JOIN county c ON c.adcode = v.adcode
WHERE v.n <= $2
ORDER BY v.adcode, v.version DESC
