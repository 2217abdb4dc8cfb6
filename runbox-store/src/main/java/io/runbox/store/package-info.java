/**
 * Durable state behind the core SPIs: {@link io.runbox.store.Database} opens every store on one database, the
 * embedded SQLite file of a single node ({@code sqlite}) or a PostgreSQL shared by a cluster ({@code postgres}),
 * each with its Flyway-managed schema ({@code db/sqlite}, {@code db/postgresql}).
 */
package io.runbox.store;
