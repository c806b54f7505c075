-- Removes every row of the mission tables (sample data is replaced whole); the history and the accounts are kept.
TRUNCATE farmland_overview, control_zone_sign, control_zone_plot, published_control_zone, control_zone, plot_negative_use,
  published_plot, contaminated_plot, supervised_enterprise, monitoring_result, monitoring_point, farmland_parcel,
  public_report, township, county
