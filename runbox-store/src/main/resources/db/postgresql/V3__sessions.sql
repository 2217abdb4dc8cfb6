-- Which node holds each live session (its state is in that node's memory); owner_key is NULL for a keyless one.
CREATE TABLE sessions (
    id         text PRIMARY KEY,
    node_id    text NOT NULL,
    owner_key  text
);
