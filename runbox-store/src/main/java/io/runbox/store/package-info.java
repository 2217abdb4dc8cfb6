/**
 * Durable state behind the core SPIs: {@link io.runbox.store.Database} opens every store on one database, the
 * embedded SQLite file of a single node ({@code sqlite}) or a PostgreSQL shared by a cluster ({@code postgres}),
 * each with its Flyway-managed schema ({@code db/sqlite}, {@code db/postgresql}).
 *
 * <p>The stores are written once, here, for both backends ({@code Sql*}, on {@link io.runbox.store.SqlStore}): they
 * run their SQL through {@link io.runbox.store.Transactions}, and the few statements that differ ask the backend's
 * {@link io.runbox.store.Dialect}. A backend package holds how it connects, how it wakes idle workers, and what only
 * it stores.
 */
package io.runbox.store;
