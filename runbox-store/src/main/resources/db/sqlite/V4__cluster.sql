-- A job may need a node that serves its language; NULL: any node runs it.
ALTER TABLE jobs ADD COLUMN language TEXT;

-- Each delivery's random key, the same on every try, so a receiver can tell a retry from a new delivery.
ALTER TABLE callbacks ADD COLUMN delivery_key TEXT;
UPDATE callbacks SET delivery_key = lower(hex(randomblob(16))) WHERE delivery_key IS NULL;

-- The nodes sharing this database; languages are newline-separated.
CREATE TABLE nodes (
    id           TEXT PRIMARY KEY,
    address      TEXT    NOT NULL,
    version      TEXT    NOT NULL,
    slots        INTEGER NOT NULL,
    languages    TEXT    NOT NULL DEFAULT '',
    started_at   INTEGER NOT NULL,
    heartbeat_at INTEGER NOT NULL,
    state        TEXT    NOT NULL CHECK (state IN ('serving', 'draining'))
);
