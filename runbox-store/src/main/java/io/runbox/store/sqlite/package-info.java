/**
 * SQLite implementations of {@link io.runbox.core.jobs.JobQueue} and
 * {@link io.runbox.core.jobs.CallbackOutbox}: one file, WAL journal, every commit synced.
 */
package io.runbox.store.sqlite;
