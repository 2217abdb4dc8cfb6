package io.runbox.store.sqlite;

import io.runbox.store.Dialect;
import io.runbox.store.SqlCallbackOutbox;
import java.time.Clock;

/** The shared {@link SqlCallbackOutbox} on an embedded database opened alone, without a {@link SqliteStore}. */
public final class SqliteCallbackOutbox extends SqlCallbackOutbox {
    public SqliteCallbackOutbox(SqliteDatabase db, Clock clock) {
        super(db, Dialect.SQLITE, clock);
    }
}
