-- $1 adcode, $2 list id, $3 parcel id, $4 class, $5 method, $6 basis (JSON, as published on the parcel). A removed
-- parcel brought back regains its entry in the complete list its published class came from, and that class;
-- an override gets back its reason, author and computed class from the basis. Nothing when the list is gone.
WITH entry AS (
  INSERT INTO class_list_entry (adcode, list_id, parcel_id, class, method, main_pollutants, sample_count, basis,
                                computed_class, override_reason, override_by)
  SELECT l.adcode, l.id, $3, $4, $5, '{}', coalesce(jsonb_array_length(b.basis -> 'samples'), 0), b.basis - 'override',
         b.basis -> 'override' ->> 'computedClass', b.basis -> 'override' ->> 'reason', b.basis -> 'override' ->> 'by'
  FROM class_list l CROSS JOIN (SELECT $6::jsonb AS basis) b
  WHERE l.adcode = $1 AND l.id = $2 AND l.is_complete
    AND ($5 <> 'override' OR (b.basis -> 'override' ->> 'computedClass' IS NOT NULL AND b.basis -> 'override' ->> 'reason' IS NOT NULL))
  ON CONFLICT (adcode, list_id, parcel_id) DO NOTHING
  RETURNING list_id
)
UPDATE farmland_parcel p SET class = $4, class_method = $5, class_basis = $6::jsonb, class_list_id = entry.list_id
FROM entry
WHERE p.adcode = $1 AND p.id = $3
