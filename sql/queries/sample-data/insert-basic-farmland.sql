-- $1 adcode, $2 永久基本农田图斑编号, $3 DLBM, $4 WKT (EPSG:4490): generated 永久基本农田 patches over the parcels;
-- 图斑面积 is their area on the spheroid.
INSERT INTO basic_farmland (adcode, code, dlbm, tbmj, geom, is_generated)
SELECT $1, s.code, s.dlbm, ST_Area(g.geom::geography), g.geom, true
FROM unnest($2::text[], $3::text[], $4::text[]) AS s(code, dlbm, wkt)
CROSS JOIN LATERAL (SELECT ST_GeomFromText(s.wkt, 4490) AS geom) g
