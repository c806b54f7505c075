-- PostGIS is the system of record for every geometry (CGCS2000, EPSG:4490).
CREATE EXTENSION IF NOT EXISTS postgis;
