-- Which node holds each live session (its state is in that node's memory); owner_key is NULL for a keyless one.
CREATE TABLE sessions (
    id         TEXT PRIMARY KEY,
    node_id    TEXT NOT NULL,
    owner_key  TEXT
);
