-- Which front door accepted a job: its runner turns the stored request into a result and a callback body.
ALTER TABLE jobs ADD COLUMN kind TEXT NOT NULL DEFAULT 'native';

-- Saved runs (Wandbox-style save=true): the code, its input and options, and the result, by id.
CREATE TABLE permlinks (
    id          TEXT PRIMARY KEY,
    language    TEXT    NOT NULL,
    compiler    TEXT    NOT NULL,
    code        TEXT    NOT NULL,
    stdin       TEXT    NOT NULL,
    options     TEXT    NOT NULL,
    args        TEXT    NOT NULL,
    result_json TEXT    NOT NULL,
    created_at  INTEGER NOT NULL
);
