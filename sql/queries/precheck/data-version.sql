-- $1 adcode. What the pre-check reads in the county, as versions: published plots and zones (count and last
-- publication), the published class list, the published lists of county, city and province, the enterprises
-- and the monitoring results. A re-run compares these to say which data changed. Counts come from
-- precheck_source_count (kept by triggers, migration 020), latest dates from indexes (migrations 016, 020).
WITH c AS (SELECT adcode, city_code FROM county WHERE adcode = $1::char(6)),
n AS (SELECT source, rows FROM precheck_source_count WHERE adcode = $1::char(6))
SELECT
  -- published plots of the county
  jsonb_build_object('count', coalesce((SELECT rows FROM n WHERE source = 'published_plot'), 0),
                     'lastPublishedAt', (SELECT max(published_at) FROM published_plot WHERE adcode = $1::char(6))) AS published_plots,
  -- published control zones of the county
  jsonb_build_object('count', coalesce((SELECT rows FROM n WHERE source = 'published_control_zone'), 0),
                     'lastPublishedAt', (SELECT max(published_at) FROM published_control_zone WHERE adcode = $1::char(6))) AS published_control_zones,
  -- the latest published class list
  (SELECT jsonb_build_object('id', id, 'publishedVersion', published_version, 'publishedAt', published_at)
     FROM class_list WHERE adcode = $1::char(6) AND review_status = 'published'
     ORDER BY published_at DESC NULLS LAST, id DESC LIMIT 1) AS class_list,
  -- the last version of each published list the county belongs to (county, city, province)
  (SELECT coalesce(jsonb_agg(jsonb_build_object('list', list_code, 'jurisdiction', jurisdiction, 'version', version) ORDER BY list_code, jurisdiction), '[]')
     FROM (SELECT list_code, jurisdiction::text, max(version) AS version FROM registry_list_version, c
           WHERE jurisdiction IN (c.adcode, c.city_code, left(c.adcode, 2) || '0000') GROUP BY 1, 2) v) AS registry_lists,
  -- supervised enterprises of the county
  jsonb_build_object('count', coalesce((SELECT rows FROM n WHERE source = 'supervised_enterprise'), 0),
                     'lastUpdatedAt', (SELECT max(updated_at) FROM supervised_enterprise WHERE adcode = $1::char(6))) AS enterprises,
  -- soil monitoring results of the county
  jsonb_build_object('results', coalesce((SELECT rows FROM n WHERE source = 'soil_result'), 0),
                     'lastSampledOn', (SELECT to_char(max(sampled_on), 'YYYY-MM-DD') FROM monitoring_result WHERE adcode = $1::char(6) AND medium = 'soil')) AS monitoring
