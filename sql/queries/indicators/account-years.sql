-- $1 county codes. The accounting years of 受污染耕地安全利用 with rows in these counties, latest first.
SELECT DISTINCT year::int FROM safe_use_account WHERE adcode = ANY($1::bpchar[]) ORDER BY 1 DESC
