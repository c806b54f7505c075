-- $1 adcode, $2 list ids (one). The list's entries become the published class of their parcels, with the list,
-- the method and the basis (an override carries its reason and the computed class beside the basis).
WITH bumped AS (
  UPDATE class_list SET published_version = published_version + 1, published_at = now()
  WHERE adcode = $1 AND id = ANY($2::bigint[])
  RETURNING adcode, id
)
UPDATE farmland_parcel p SET
  class = e.class, class_list_id = e.list_id, class_method = e.method,
  class_basis = CASE WHEN e.method = 'override'
    THEN e.basis::jsonb || jsonb_build_object('override', jsonb_build_object('reason', e.override_reason, 'by', e.override_by, 'computedClass', e.computed_class))
    ELSE e.basis::jsonb END
FROM class_list_entry e JOIN bumped b ON b.adcode = e.adcode AND b.id = e.list_id
WHERE p.adcode = e.adcode AND p.id = e.parcel_id
