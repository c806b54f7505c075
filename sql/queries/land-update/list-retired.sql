-- $1 county codes, $2 most rows. Retired parcels, most recent first, with the import that retired them.
SELECT r.id, r.adcode::text AS adcode, c.name AS county, r.code, r.class, r.parcel->>'dlbm' AS dlbm, r.parcel->>'dlmc' AS dlmc,
       r.township_code::text AS township_code,
       t.name AS township_name, r.area_m2, r.import_id, li.file_name, r.retired_by, r.retired_at,
       jsonb_array_length(r.entries)::integer AS entries
FROM retired_parcel r
JOIN county c ON c.adcode = r.adcode
LEFT JOIN township t ON t.adcode = r.adcode AND t.code = r.township_code
LEFT JOIN land_import li ON li.id = r.import_id
WHERE r.adcode = ANY($1::char(6)[])
ORDER BY r.retired_at DESC, r.id
LIMIT $2
