-- A session's scratch table for one batch of features sent by COPY (on a PostgreSQL server), dropped at the commit:
-- the columns of stage-features.sql's arrays, as text.
CREATE TEMP TABLE land_import_copy (
  seq integer NOT NULL,
  attrs text NOT NULL,
  mapped text NOT NULL,
  geometry text,
  target text,
  problems text NOT NULL
) ON COMMIT DROP
