/**
 * The cluster backend: any number of nodes share a PostgreSQL database through their own connection pools
 * ({@link io.runbox.store.postgres.PostgresDatabase}). The stores are the shared ones of {@code io.runbox.store}, in
 * {@link io.runbox.store.Dialect#POSTGRESQL}: claims take rows with {@code FOR UPDATE SKIP LOCKED}, so nodes never
 * get the same job or delivery and never wait for each other; a queued job tells every node with
 * {@code NOTIFY runbox_jobs}. Keys' limits hold for the whole cluster and live here only: a concurrent-run slot is a
 * leased row, taken under a per-key advisory lock; a token bucket is a row updated by one upsert per take.
 */
package io.runbox.store.postgres;
