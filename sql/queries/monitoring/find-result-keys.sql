-- $1 counties, $2 point ids (pairwise): the identity (point, date, medium, crop) of every stored result of the points.
SELECT r.point_id, to_char(r.sampled_on, 'YYYY-MM-DD') AS sampled_on, r.medium, r.crop
FROM unnest($1::char(6)[], $2::bigint[]) AS p(adcode, id)
JOIN monitoring_result r ON r.adcode = p.adcode AND r.point_id = p.id
