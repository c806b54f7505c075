-- Removes every row of the mission tables (sample data is replaced whole); the history is kept.
TRUNCATE farmland_overview, control_zone_sign, control_zone_plot, control_zone, plot_negative_use,
  contaminated_plot, supervised_enterprise, monitoring_result, monitoring_point, farmland_parcel, township, county
