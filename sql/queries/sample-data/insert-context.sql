-- $1 adcode, $2 DLBM, $3 DLMC, $4 WKT (EPSG:4490): generated 三调 features around the parcels, for the context base
-- map; 图斑面积 is their area on the spheroid, as TBMJ is.
INSERT INTO land_context (adcode, dlbm, dlmc, tbmj, geom, is_generated)
SELECT $1, s.dlbm, s.dlmc, ST_Area(g.geom::geography), g.geom, true
FROM unnest($2::text[], $3::text[], $4::text[]) AS s(dlbm, dlmc, wkt)
CROSS JOIN LATERAL (SELECT ST_GeomFromText(s.wkt, 4490) AS geom) g
