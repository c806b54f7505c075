-- $1 plot id. The plot's review state, locked for the transition.
SELECT p.adcode::text, p.id, p.code, p.name, p.review_status, p.version, p.published_version, c.name AS county
FROM contaminated_plot p JOIN county c USING (adcode)
WHERE p.id = $1
FOR UPDATE OF p
