-- $1 county. The county's 永久基本农田 patches an import would replace: from earlier imports and from the sample data.
SELECT count(*) FILTER (WHERE import_id IS NOT NULL AND NOT is_generated)::integer AS imported,
       count(*) FILTER (WHERE is_generated)::integer AS generated
FROM basic_farmland
WHERE adcode = $1
