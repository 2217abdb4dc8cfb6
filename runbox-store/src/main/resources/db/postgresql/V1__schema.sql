-- The schema SQLite reaches after all its migrations (db/sqlite), in PostgreSQL's types: times are epoch
-- milliseconds (bigint), as on SQLite.

-- Asynchronous jobs, from acceptance to result. seq orders jobs accepted in the same millisecond (SQLite's rowid).
CREATE TABLE jobs (
    id            text PRIMARY KEY,
    seq           bigserial NOT NULL,
    kind          text    NOT NULL DEFAULT 'native',
    owner         text,
    status        text    NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed')),
    request_json  text    NOT NULL,
    callback_url  text,
    extra_params  text,
    result_json   text,
    error         text,
    attempts      integer NOT NULL DEFAULT 0,
    worker        text,
    lease_until   bigint,
    created_at    bigint  NOT NULL,
    started_at    bigint,
    finished_at   bigint,
    language      text
);
CREATE INDEX jobs_queued ON jobs (status, created_at, seq);

-- Result deliveries to callback URLs, kept until delivered or given up.
CREATE TABLE callbacks (
    id           bigserial PRIMARY KEY,
    job_id       text    NOT NULL REFERENCES jobs (id),
    url          text    NOT NULL,
    body         text    NOT NULL,
    state        text    NOT NULL CHECK (state IN ('pending', 'delivered', 'given_up')),
    attempts     integer NOT NULL DEFAULT 0,
    due_at       bigint  NOT NULL,
    last_error   text,
    created_at   bigint  NOT NULL,
    finished_at  bigint,
    delivery_key text
);
CREATE INDEX callbacks_due ON callbacks (state, due_at);
CREATE INDEX callbacks_job ON callbacks (job_id);

-- Saved runs (Wandbox-style save=true): the code, its input and options, and the result, by id.
CREATE TABLE permlinks (
    id          text PRIMARY KEY,
    language    text   NOT NULL,
    compiler    text   NOT NULL,
    code        text   NOT NULL,
    stdin       text   NOT NULL,
    options     text   NOT NULL,
    args        text   NOT NULL,
    result_json text   NOT NULL,
    created_at  bigint NOT NULL
);

-- API keys, stored as SHA-256 hashes of the secret; the secret is shown once, at creation.
CREATE TABLE api_keys (
    id           text PRIMARY KEY,
    name         text,
    type         text   NOT NULL CHECK (type IN ('api', 'widget')),
    plan         text   NOT NULL,
    hash         text   NOT NULL UNIQUE,
    hint         text   NOT NULL,
    redirect_url text,
    origins      text   NOT NULL DEFAULT '',
    created_at   bigint NOT NULL,
    last_used_at bigint,
    revoked_at   bigint
);

-- Calls per key per calendar month (UTC), for monthly quotas.
CREATE TABLE key_usage (
    key_id text   NOT NULL REFERENCES api_keys (id),
    month  text   NOT NULL,
    calls  bigint NOT NULL,
    PRIMARY KEY (key_id, month)
);

-- Server settings that must persist, such as the admin token's hash.
CREATE TABLE settings (
    name  text PRIMARY KEY,
    value text NOT NULL
);

-- Credit balances of metered keys; a key without a row here is not metered. Each run takes credits with one
-- conditional UPDATE, so a balance never goes below zero whatever runs at once, on any node.
CREATE TABLE key_credits (
    key_id  text   PRIMARY KEY REFERENCES api_keys (id),
    balance bigint NOT NULL CHECK (balance >= 0)
);

-- The nodes sharing this database; languages are newline-separated.
CREATE TABLE nodes (
    id           text PRIMARY KEY,
    address      text    NOT NULL,
    version      text    NOT NULL,
    slots        integer NOT NULL,
    languages    text    NOT NULL DEFAULT '',
    started_at   bigint  NOT NULL,
    heartbeat_at bigint  NOT NULL,
    state        text    NOT NULL CHECK (state IN ('serving', 'draining'))
);
