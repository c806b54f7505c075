-- 监测网络全覆盖 (issue 9): coverage and the gap analysis look for the nearest *active* point of every farmland
-- parcel; a partial index over the active points' Web-Mercator copies answers that without visiting planned or
-- retired points.
CREATE INDEX monitoring_point_active_geom_3857_idx ON monitoring_point USING gist (geom_3857) WHERE status = 'active';
