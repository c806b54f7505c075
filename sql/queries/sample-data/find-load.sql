-- The sample load of this database (none: never seeded by the start-up), with the counties it holds already
SELECT l.parcels_per_county, l.adcodes::text[] AS adcodes, l.completed_at IS NOT NULL AS is_complete,
       ARRAY(SELECT adcode::text FROM county ORDER BY adcode) AS loaded
FROM (SELECT 1) one LEFT JOIN sample_data_load l ON true
