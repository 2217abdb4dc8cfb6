/**
 * The embedded backend: one SQLite file, WAL journal, every commit synced, used through one connection
 * ({@link io.runbox.store.sqlite.SqliteDatabase}); a job queued wakes this process's workers only. The stores are
 * the shared ones of {@code io.runbox.store}, in {@link io.runbox.store.Dialect#SQLITE}.
 */
package io.runbox.store.sqlite;
