-- Logs one request made with key $1: $2 the collection (NULL for the landing page or the collection list), $3 the
-- number of features returned, $4 the client's address, $5 the vector tile read ('z/x/y') or NULL.
INSERT INTO ogc_key_use (key_id, collection, feature_count, client_address, tile) VALUES ($1, $2, $3, $4, $5)
