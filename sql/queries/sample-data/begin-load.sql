-- $1 parcels per county, $2 every county of the plan: a load begins (replacing the record of an earlier one)
INSERT INTO sample_data_load (parcels_per_county, adcodes) VALUES ($1, $2::char(6)[])
ON CONFLICT (id) DO UPDATE SET parcels_per_county = EXCLUDED.parcels_per_county, adcodes = EXCLUDED.adcodes,
  started_at = now(), completed_at = NULL
