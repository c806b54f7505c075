SELECT current_setting('server_version') AS postgres_version, postgis_lib_version() AS postgis_version,
       (SELECT count(*) FROM county) AS counties, (SELECT count(*) FROM farmland_parcel) AS parcels
