-- Removes every row of the mission tables (sample data is replaced whole); the history, the accounts, the
-- classification rule sets and the indicator targets are kept. The record of a sample load goes with the data.
TRUNCATE class_list_entry, classification_job, class_list, farmland_overview, control_zone_sign, control_zone_plot, published_control_zone, control_zone, ban_zone_parcel, published_ban_zone, ban_zone, plot_negative_use, plot_proposal, plot_event, plot_pollutant,
  published_plot, contaminated_plot, supervised_enterprise, monitoring_result, monitoring_point, farmland_parcel,
  public_report_event, enterprise_inspection, public_report, precheck, siting_check, precheck_counter, parcel_code_counter,
  monitoring_import, safe_use_measure, safe_use_account, safe_use_ledger, stored_document_content, stored_document,
  plot_redevelopment, land_context, basic_farmland, retired_parcel, land_update_match, land_update, land_import_feature,
  land_import, admin_unit_import, priority_area, priority_area_version, water_source_zone, township, county, sample_data_load
