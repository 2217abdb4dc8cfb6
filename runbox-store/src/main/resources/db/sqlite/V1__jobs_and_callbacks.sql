-- Asynchronous jobs, from acceptance to result.
CREATE TABLE jobs (
    id            TEXT PRIMARY KEY,
    owner         TEXT,
    status        TEXT    NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed')),
    request_json  TEXT    NOT NULL,
    callback_url  TEXT,
    extra_params  TEXT,
    result_json   TEXT,
    error         TEXT,
    attempts      INTEGER NOT NULL DEFAULT 0,
    worker        TEXT,
    lease_until   INTEGER,
    created_at    INTEGER NOT NULL,
    started_at    INTEGER,
    finished_at   INTEGER
);
CREATE INDEX jobs_queued ON jobs (status, created_at);

-- Result deliveries to callback URLs, kept until delivered or given up.
CREATE TABLE callbacks (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    job_id      TEXT    NOT NULL REFERENCES jobs (id),
    url         TEXT    NOT NULL,
    body        TEXT    NOT NULL,
    state       TEXT    NOT NULL CHECK (state IN ('pending', 'delivered', 'given_up')),
    attempts    INTEGER NOT NULL DEFAULT 0,
    due_at      INTEGER NOT NULL,
    last_error  TEXT,
    created_at  INTEGER NOT NULL,
    finished_at INTEGER
);
CREATE INDEX callbacks_due ON callbacks (state, due_at);
