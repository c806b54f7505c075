-- $1 county code, $2 row ids, $3 measure names, $4 buckets (one each, same length). The measures, in this order.
INSERT INTO safe_use_measure (adcode, account_id, measure, bucket)
SELECT $1, m.account_id, m.name, m.bucket
FROM unnest($2::bigint[], $3::text[], $4::text[]) WITH ORDINALITY AS m(account_id, name, bucket, n)
ORDER BY m.n
