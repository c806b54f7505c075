-- $1 code prefix of the jurisdiction, $2 plot codes. The published state of each plot now.
SELECT code, status FROM published_plot WHERE adcode LIKE $1 || '%' AND code = ANY($2::text[])
