-- $1 plot ids, $2 their counties (same order): the stored results of those plots, by what makes one result one
-- (substance, sampling date, depth, sample note).
SELECT r.plot_id, r.substance, to_char(r.sampled_on, 'YYYY-MM-DD') AS sampled_on, r.depth_m::float8 AS depth_m, r.note
FROM plot_pollutant r
JOIN unnest($1::bigint[], $2::text[]) AS w(id, adcode) ON r.plot_id = w.id AND r.adcode = w.adcode
