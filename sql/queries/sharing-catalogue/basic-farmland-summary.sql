-- The internal collection `basic-farmland` in the sharing catalogue: the 永久基本农田图斑 of the counties $1 and when a
-- 永久基本农田 import of one of those counties was last applied.
SELECT (SELECT count(*) FROM basic_farmland WHERE adcode = ANY ($1::bpchar[]))::bigint AS features,
       (SELECT max(finished_at) FROM land_import
        WHERE adcode = ANY ($1::bpchar[]) AND kind = 'yjjbnt' AND status = 'applied') AS changed_at
