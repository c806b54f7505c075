-- A class-list entry's basis is kept as json (the text the job wrote) instead of jsonb, compressed with lz4
-- where the server has it. A county-wide job writes ~8 KB of basis per parcel (every sample's lines, repeated in
-- each parcel that uses the point); turning that into jsonb and compressing it with pglz was most of the job's
-- write time (bench/README.md, county-wide classification: 20,000 entries by COPY took ~3× as long as json with
-- lz4). The basis is read whole (the entry page) or for its summary (exports, OGC), and is turned into jsonb where
-- it is published onto the parcel (farmland_parcel.class_basis stays jsonb), so readers see the same values.
ALTER TABLE class_list_entry ALTER COLUMN basis TYPE json USING basis::json;

-- lz4 needs PostgreSQL 14 built with it; elsewhere (the embedded engine) the default compression stays.
DO $$
BEGIN
  EXECUTE 'ALTER TABLE class_list_entry ALTER COLUMN basis SET COMPRESSION lz4';
EXCEPTION WHEN OTHERS THEN
  RAISE NOTICE 'class_list_entry.basis keeps the default compression: %', SQLERRM;
END
$$;
