-- A parcel's entries in the class lists, found by parcel: a parcel's removal (the foreign key cascades to its
-- entries) and the carry of entries to split and merged parcels read them by (adcode, parcel_id), which the primary
-- key (adcode, list_id, parcel_id) cannot serve without a scan of every list of the county.
CREATE INDEX class_list_entry_parcel ON class_list_entry (adcode, parcel_id);
