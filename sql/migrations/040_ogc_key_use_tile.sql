-- A data sharing key also opens the vector tiles of the layers of the collections it was issued for (QGIS's
-- vector tile layer, other map clients). A tile request is logged with the tile it read (z/x/y); the features of a
-- tile are not counted, so its feature_count stays 0.
ALTER TABLE ogc_key_use ADD COLUMN tile text CHECK (tile IS NULL OR tile ~ '^\d{1,2}/\d{1,8}/\d{1,8}$');
