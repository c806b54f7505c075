-- $1 county code, $2 row ids, $3 measure name, $4 bucket. Adds the measure to the rows that lack it; the ids of those.
INSERT INTO safe_use_measure (adcode, account_id, measure, bucket)
SELECT $1, id, $3, $4 FROM unnest($2::bigint[]) AS id
ON CONFLICT (adcode, account_id, measure) DO NOTHING
RETURNING account_id
