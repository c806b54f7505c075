-- $1 id. A published plot that changes becomes a draft again; its published copy stays until the next 发布.
UPDATE contaminated_plot SET review_status = 'draft', review_reason = NULL
WHERE id = $1 AND review_status = 'published'
