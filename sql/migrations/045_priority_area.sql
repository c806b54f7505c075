-- 优先保护类耕地集中区域: contiguous 优先保护类 parcels of the published classes (parcels within a gap distance of each
-- other belong to one area) whose total area passes a threshold. Recomputed whenever a county's published classes
-- change (a class list published, the sample data loaded) and kept as versions, so a county sees how its areas
-- changed between lists; the plans hold that this area must not fall.
CREATE TABLE priority_area_version (
  adcode          char(6) NOT NULL REFERENCES county (adcode) ON DELETE CASCADE,  -- derived data, goes with the county
  version         integer NOT NULL CHECK (version > 0),
  -- the class list whose publication made this version, with its published version; null: the sample data's classes
  list_id         bigint,
  list_version    integer,
  list_title      text,
  gap_m           double precision NOT NULL CHECK (gap_m >= 0),
  min_area_m2     double precision NOT NULL CHECK (min_area_m2 >= 0),
  area_count      integer NOT NULL,
  area_m2         double precision NOT NULL,
  parcel_count    integer NOT NULL,
  -- 优先保护类 parcels and area of the county, in areas or not
  priority_m2     double precision NOT NULL,
  computed_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (adcode, version)
);

CREATE TABLE priority_area (
  adcode        char(6) NOT NULL,
  version       integer NOT NULL,
  area_no       integer NOT NULL,
  geom          geometry(MultiPolygon, 4490) NOT NULL,
  geom_3857     geometry(MultiPolygon, 3857) GENERATED ALWAYS AS (ST_Transform(geom, 3857)) STORED,
  area_m2       double precision NOT NULL,
  parcel_count  integer NOT NULL,
  -- the townships the area lies in, with the area in each: [{code, name, areaM2}]
  townships     jsonb NOT NULL DEFAULT '[]',
  PRIMARY KEY (adcode, version, area_no),
  FOREIGN KEY (adcode, version) REFERENCES priority_area_version (adcode, version) ON DELETE CASCADE
);
CREATE INDEX priority_area_geom_3857_idx ON priority_area USING gist (geom_3857);

-- The areas of each county's latest version: what the map shows.
CREATE VIEW priority_area_current AS
SELECT a.*, 'PA' || a.adcode || '-' || lpad(a.area_no::text, 3, '0') AS code
FROM priority_area a
JOIN (SELECT adcode, max(version) AS version FROM priority_area_version GROUP BY adcode) v
  ON v.adcode = a.adcode AND v.version = a.version;
