-- COPY of a batch of entries (text format, one line per parcel; a server only). Columns in this order.
COPY class_list_entry (adcode, list_id, parcel_id, class, method, soil_grade, main_pollutants, sample_count, basis)
FROM STDIN
