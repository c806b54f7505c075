-- The search finds a parcel by any part of its code ("0002500" finds 430903-0002500). A trigram index answers
-- ILIKE '%…%' on the largest table without reading every parcel of a county (100,000 parcels: about 40 ms a search
-- read in full on the test machine, under 1 ms with the index). The other searched tables are small.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX farmland_parcel_code_trgm_idx ON farmland_parcel USING gin (code gin_trgm_ops);
