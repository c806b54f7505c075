-- County-level units (区县) and townships (乡镇/街道). Every table of the schema carries the county code
-- (adcode) in its key, so the schema can later be distributed by county (Citus).
CREATE TABLE county (
  adcode       char(6) PRIMARY KEY CHECK (adcode ~ '^[1-9][0-9]{5}$'),
  name         text NOT NULL,
  city_code    char(6) NOT NULL,
  city         text NOT NULL,
  province     text NOT NULL,
  geom         geometry(MultiPolygon, 4490) NOT NULL CHECK (ST_IsValid(geom)),
  geom_3857    geometry(MultiPolygon, 3857) GENERATED ALWAYS AS (ST_Transform(geom, 3857)) STORED,
  area_m2      double precision GENERATED ALWAYS AS (ST_Area(geom::geography)) STORED,
  source       text NOT NULL
);
CREATE INDEX county_geom_idx ON county USING gist (geom);
CREATE INDEX county_geom_3857_idx ON county USING gist (geom_3857);

CREATE TABLE township (
  adcode       char(6) NOT NULL REFERENCES county (adcode),
  code         char(9) NOT NULL CHECK (code ~ '^[0-9]{9}$'),
  name         text NOT NULL,
  geom         geometry(MultiPolygon, 4490) CHECK (geom IS NULL OR ST_IsValid(geom)),
  geom_3857    geometry(MultiPolygon, 3857) GENERATED ALWAYS AS (ST_Transform(geom, 3857)) STORED,
  area_m2      double precision GENERATED ALWAYS AS (ST_Area(geom::geography)) STORED,
  -- true when the outline is generated (the sample data has real codes and names but no real outlines)
  is_generated boolean NOT NULL DEFAULT false,
  PRIMARY KEY (adcode, code),
  CHECK (left(code, 6) = adcode)
);
CREATE INDEX township_geom_idx ON township USING gist (geom);
CREATE INDEX township_geom_3857_idx ON township USING gist (geom_3857);
CREATE INDEX township_name_idx ON township (name);
