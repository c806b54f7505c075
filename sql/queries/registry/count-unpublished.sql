-- $1 code prefix of the jurisdiction, $2 plot states of the list. Plots of the jurisdiction in these states whose
-- current state is not published yet (a draft, or a change under review): the list does not show them as they are.
SELECT count(*)::int AS count
FROM contaminated_plot p
WHERE p.adcode LIKE $1 || '%' AND p.status = ANY($2::text[]) AND p.review_status <> 'published'
