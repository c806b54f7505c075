-- $1 county codes, $2 status or null, $3 industry or null. Supervised enterprises with their pending proposal.
SELECT e.id, e.adcode::text, c.city || ' ' || c.name AS county, e.credit_code, e.name, e.industry, e.industry_other, e.status, e.version,
       e.updated_at, e.area_m2, e.is_generated,
       (SELECT p.id FROM plot_proposal p WHERE p.adcode = e.adcode AND p.enterprise_id = e.id AND p.status = 'pending') AS pending_proposal_id,
       ARRAY[ST_XMin(e.geom), ST_YMin(e.geom), ST_XMax(e.geom), ST_YMax(e.geom)] AS bbox
FROM supervised_enterprise e JOIN county c USING (adcode)
WHERE e.adcode = ANY($1::char(6)[]) AND ($2::text IS NULL OR e.status = $2) AND ($3::text IS NULL OR e.industry = $3)
ORDER BY e.adcode, e.name
