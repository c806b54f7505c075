-- $1 county: its 永久基本农田图斑 and their area (TBMJ, else the area on the spheroid), m².
SELECT count(*)::int AS patches, coalesce(sum(coalesce(tbmj, ST_Area(geom::geography))), 0) AS area_m2
FROM basic_farmland WHERE adcode = $1::char(6)
