-- Keys that would hold if the tables were distributed by county code (docs/scaling.md): a distributed table's unique
-- keys and its foreign keys to another distributed table include adcode. Lookups by id alone keep a plain index.

-- a redevelopment record's document is a document of the same county
ALTER TABLE plot_redevelopment DROP CONSTRAINT plot_redevelopment_document_id_fkey;
ALTER TABLE plot_redevelopment ADD CONSTRAINT plot_redevelopment_document_fkey
  FOREIGN KEY (adcode, document_id) REFERENCES stored_document (adcode, id) ON DELETE SET NULL (document_id);
ALTER TABLE stored_document DROP CONSTRAINT stored_document_id_key;
CREATE INDEX stored_document_id_idx ON stored_document (id);

-- ledgers are found by id in the review workflow; the identity keeps ids unique
DROP INDEX safe_use_ledger_id_idx;
CREATE INDEX safe_use_ledger_id_idx ON safe_use_ledger (id);

-- a drinking-water protection zone is keyed by its county like every county table
ALTER TABLE water_source_zone DROP CONSTRAINT water_source_zone_pkey;
ALTER TABLE water_source_zone ADD PRIMARY KEY (adcode, id);
