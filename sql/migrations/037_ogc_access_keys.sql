-- 数据共享密钥: keys an administrator issues to a department, another system or a person for the internal
-- collections of the OGC API - Features service (/ogc), and the log of every use. Only the SHA-256 of a key is kept;
-- the key itself is shown once when it is issued.
CREATE TABLE ogc_access_key (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  key_hash     text NOT NULL UNIQUE CHECK (key_hash ~ '^[A-Za-z0-9_-]{43}$'),
  -- the first characters of the key ('sk_' and 6 more), so that a holder can tell which key is which
  key_prefix   text NOT NULL CHECK (char_length(key_prefix) <= 12),
  holder       text NOT NULL CHECK (char_length(holder) BETWEEN 1 AND 80),
  holder_kind  text NOT NULL CHECK (holder_kind IN ('department', 'system', 'person')),
  collections  text[] NOT NULL CHECK (cardinality(collections) > 0),
  adcodes      char(6)[] NOT NULL CHECK (cardinality(adcodes) > 0),
  expires_at   timestamptz NOT NULL,
  note         text NOT NULL DEFAULT '' CHECK (char_length(note) <= 500),
  created_by   text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  revoked_at   timestamptz,
  revoked_by   text,
  CHECK ((revoked_at IS NULL) = (revoked_by IS NULL))
);

-- One request made with a key: what it asked for and how many features it received.
CREATE TABLE ogc_key_use (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  key_id         bigint NOT NULL REFERENCES ogc_access_key (id),
  used_at        timestamptz NOT NULL DEFAULT now(),
  collection     text,                                 -- NULL: the landing page, conformance or the collection list
  feature_count  integer NOT NULL CHECK (feature_count >= 0),
  client_address text NOT NULL
);
CREATE INDEX ogc_key_use_key_idx ON ogc_key_use (key_id, used_at DESC);
