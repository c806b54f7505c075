-- $1 adcode. Ids of the sample plots and control zones that are published (their published versions get written).
SELECT ARRAY(SELECT id FROM contaminated_plot WHERE adcode = $1 AND review_status = 'published') AS plot_ids,
       ARRAY(SELECT id FROM control_zone WHERE adcode = $1 AND review_status = 'published') AS zone_ids
