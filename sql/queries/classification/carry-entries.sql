-- $1 adcode, $2 parent parcel ids, $3 child parcel ids, $4 what the edit adds to the basis (JSON). Every complete
-- list of the county that classes all the parents gives each child an entry copied from one parent's: the
-- strictest class (严格管控 > 安全利用 > 优先保护), or 未划定 when any parent is 未划定 there.
WITH parent_entry AS (
  SELECT DISTINCT ON (e.list_id) e.*
  FROM class_list_entry e JOIN class_list l ON l.adcode = e.adcode AND l.id = e.list_id
  WHERE e.adcode = $1 AND e.parcel_id = ANY($2::bigint[]) AND l.is_complete
    AND (SELECT count(*) FROM class_list_entry x
         WHERE x.adcode = e.adcode AND x.list_id = e.list_id AND x.parcel_id = ANY($2::bigint[])) = cardinality($2::bigint[])
  ORDER BY e.list_id, CASE e.class WHEN 'unclassified' THEN 4 WHEN 'strict' THEN 3 WHEN 'safe_use' THEN 2 ELSE 1 END DESC, e.parcel_id
)
INSERT INTO class_list_entry (adcode, list_id, parcel_id, class, method, soil_grade, main_pollutants, sample_count, basis,
                              computed_class, override_reason, override_by)
SELECT p.adcode, p.list_id, c.id, p.class, p.method, p.soil_grade, p.main_pollutants, p.sample_count,
       p.basis::jsonb || jsonb_build_object('edit', $4::jsonb), p.computed_class, p.override_reason, p.override_by
FROM parent_entry p CROSS JOIN unnest($3::bigint[]) AS c(id)
