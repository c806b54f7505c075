-- $1 import, $2 kinds, $3 most features. The plan on the map: changed and added features in their new outline,
-- retired parcels in their old one, unchanged in theirs, each with its kind, code and class.
SELECT json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(json_build_object(
         'type', 'Feature', 'id', x.no,
         'properties', json_build_object('no', x.no, 'kind', x.kind, 'code', x.code, 'class', x.class, 'bsm', x.bsm,
                                         'isConflict', x.is_conflict),
         'geometry', ST_AsGeoJSON(x.geom, 7)::json) ORDER BY x.no), '[]'::json)) AS collection
FROM (
  SELECT m.no, m.kind, m.is_conflict, p.code, coalesce(p.class, 'unclassified') AS class, coalesce(f.bsm, p.bsm) AS bsm,
         CASE WHEN m.kind IN ('changed', 'added') THEN f.geom ELSE p.geom END AS geom
  FROM land_update_match m
  LEFT JOIN farmland_parcel p ON p.id = m.parcel_id
  LEFT JOIN land_import_feature f ON f.import_id = m.import_id AND f.seq = m.seq
  WHERE m.import_id = $1 AND m.kind = ANY($2::text[])
  ORDER BY m.no
  LIMIT $3
) x
