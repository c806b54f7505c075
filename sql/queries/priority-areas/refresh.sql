-- $1 adcode, $2 gap (m), $3 least total area (m²), $4 the class list just published (its published version and title
-- are read), or null for the sample data's classes.
-- The 优先保护类 parcels of the county's published classes, clustered: parcels within the gap of each other (measured
-- in the county's CGCS2000 3° Gauss-Krüger zone, EPSG:4534–4554, chosen by the county's centroid) form one area;
-- areas whose parcels total at least the threshold are kept, numbered from the largest, as a new version.
WITH zone AS (
  SELECT 4534 + least(20, greatest(0, round(ST_X(ST_Centroid(geom)) / 3)::int - 25)) AS srid
  FROM county WHERE adcode = $1
),
parcels AS (
  SELECT p.id, p.geom, p.area_m2, p.township_code,
         ST_ClusterDBSCAN(ST_Transform(p.geom, z.srid), eps := $2::float8, minpoints := 1) OVER () AS cluster
  FROM farmland_parcel p, zone z
  WHERE p.adcode = $1 AND p.class = 'priority'
),
clusters AS (
  SELECT cluster, sum(area_m2) AS area_m2, count(*)::int AS parcel_count, ST_Multi(ST_Union(geom)) AS geom
  FROM parcels GROUP BY cluster
  HAVING sum(area_m2) >= $3::float8
),
numbered AS (
  SELECT c.*, row_number() OVER (ORDER BY c.area_m2 DESC, c.cluster)::int AS area_no FROM clusters c
),
townships AS (
  SELECT n.cluster, jsonb_agg(jsonb_build_object('code', t.code, 'name', coalesce(t.name, '未确定乡镇'), 'areaM2', t.area_m2)
                              ORDER BY t.area_m2 DESC) AS townships
  FROM numbered n
  JOIN LATERAL (
    SELECT p.township_code AS code, tw.name, sum(p.area_m2) AS area_m2
    FROM parcels p LEFT JOIN township tw ON tw.adcode = $1 AND tw.code = p.township_code
    WHERE p.cluster = n.cluster GROUP BY p.township_code, tw.name
  ) t ON true
  GROUP BY n.cluster
),
version AS (
  INSERT INTO priority_area_version (adcode, version, list_id, list_version, list_title, gap_m, min_area_m2,
                                     area_count, area_m2, parcel_count, priority_m2)
  SELECT $1, coalesce((SELECT max(version) FROM priority_area_version WHERE adcode = $1), 0) + 1,
         l.id, l.published_version, l.title, $2, $3,
         (SELECT count(*) FROM numbered), coalesce((SELECT sum(area_m2) FROM numbered), 0),
         coalesce((SELECT sum(parcel_count) FROM numbered), 0),
         coalesce((SELECT sum(area_m2) FROM parcels), 0)
  FROM (SELECT NULL) one LEFT JOIN class_list l ON l.adcode = $1 AND l.id = $4::bigint
  RETURNING version, area_count
),
areas AS (
  INSERT INTO priority_area (adcode, version, area_no, geom, area_m2, parcel_count, townships)
  SELECT $1, v.version, n.area_no, n.geom, n.area_m2, n.parcel_count, coalesce(t.townships, '[]')
  FROM numbered n CROSS JOIN version v LEFT JOIN townships t ON t.cluster = n.cluster
  RETURNING 1
)
SELECT v.version, v.area_count::int AS area_count FROM version v
