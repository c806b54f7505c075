-- 用地准入核查 (issue 8): every check records the data version of its county (sql/queries/precheck/data-version.sql:
-- count and latest date of the published plots and zones and of the soil results). These indexes let each count and
-- maximum be read from the index alone instead of scanning the tables: at the city scale (228k results, 20k plots)
-- 12–17 ms → 2.4–2.8 ms per check, the largest part of a check's time (bench/README.md).
CREATE INDEX monitoring_result_county_medium_idx ON monitoring_result (adcode, medium, sampled_on);
CREATE INDEX published_plot_county_published_idx ON published_plot (adcode, published_at);
CREATE INDEX published_control_zone_county_published_idx ON published_control_zone (adcode, published_at);
