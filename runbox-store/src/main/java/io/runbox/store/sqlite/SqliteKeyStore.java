package io.runbox.store.sqlite;

import io.runbox.store.SqlKeyStore;

/** The shared {@link SqlKeyStore} on an embedded database opened alone, without a {@link SqliteStore}. */
public final class SqliteKeyStore extends SqlKeyStore {
    public SqliteKeyStore(SqliteDatabase db) {
        super(db);
    }
}
