/**
 * PostgreSQL implementations of the store SPIs, for a cluster: any number of nodes share the database through
 * their own connection pools. Claims take rows with {@code FOR UPDATE SKIP LOCKED}, so nodes never get the same
 * job or delivery and never wait for each other; an enqueue tells every node with {@code NOTIFY runbox_jobs}.
 * Keys' limits hold for the whole cluster: a concurrent-run slot is a leased row, taken under a per-key advisory
 * lock; a token bucket is a row updated by one upsert per take.
 */
package io.runbox.store.postgres;
