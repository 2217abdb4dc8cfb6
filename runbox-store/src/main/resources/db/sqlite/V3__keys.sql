-- API keys, stored as SHA-256 hashes of the secret; the secret is shown once, at creation.
CREATE TABLE api_keys (
    id           TEXT PRIMARY KEY,
    name         TEXT,
    type         TEXT    NOT NULL CHECK (type IN ('api', 'widget')),
    plan         TEXT    NOT NULL,
    hash         TEXT    NOT NULL UNIQUE,
    hint         TEXT    NOT NULL,
    redirect_url TEXT,
    origins      TEXT    NOT NULL DEFAULT '',
    created_at   INTEGER NOT NULL,
    last_used_at INTEGER,
    revoked_at   INTEGER
);

-- Calls per key per calendar month (UTC), for monthly quotas.
CREATE TABLE key_usage (
    key_id TEXT    NOT NULL REFERENCES api_keys (id),
    month  TEXT    NOT NULL,
    calls  INTEGER NOT NULL,
    PRIMARY KEY (key_id, month)
);

-- Server settings that must persist, such as the admin token's hash.
CREATE TABLE settings (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
