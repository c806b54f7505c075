-- The internal collection `land-context` in the sharing catalogue: the 三调 features of the counties $1 that are not
-- farmland parcels, and when a 地类图斑 import or an annual update of one of those counties was last applied.
SELECT (SELECT count(*) FROM land_context WHERE adcode = ANY ($1::bpchar[]))::bigint AS features,
       greatest((SELECT max(finished_at) FROM land_import
                 WHERE adcode = ANY ($1::bpchar[]) AND kind = 'dltb' AND status = 'applied'),
                (SELECT max(finished_at) FROM land_update
                 WHERE adcode = ANY ($1::bpchar[]) AND status = 'applied')) AS changed_at
