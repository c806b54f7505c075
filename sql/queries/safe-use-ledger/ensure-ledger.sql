-- $1 county code, $2 year. The county's ledger of the year, created as a 草稿 when it has none yet.
INSERT INTO safe_use_ledger (adcode, year) VALUES ($1, $2)
ON CONFLICT (adcode, year) DO NOTHING
