package io.runbox.store.sqlite;

import java.sql.SQLException;

/** The store failed; nothing of the failed operation was committed. */
public final class StoreException extends RuntimeException {
    public StoreException(SQLException cause) {
        super("database error: " + cause.getMessage(), cause);
    }
}
