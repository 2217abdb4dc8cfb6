package io.runbox.store.sqlite;

import io.runbox.store.Dialect;
import io.runbox.store.SqlJobQueue;
import java.time.Clock;

/** The shared {@link SqlJobQueue} on an embedded database opened without a {@link SqliteStore}: it wakes nobody. */
public final class SqliteJobQueue extends SqlJobQueue {
    public SqliteJobQueue(SqliteDatabase db, Clock clock) {
        super(db, Dialect.SQLITE, clock, c -> { });
    }
}
