package io.runbox.store;

import java.sql.SQLException;

/** The store failed; nothing of the failed operation was committed. */
public final class StoreException extends RuntimeException {
    public StoreException(SQLException cause) {
        super("database error: " + cause.getMessage(), cause);
    }

    /** The database cannot be reached or cannot answer now; the same call may work once it is back. */
    public static StoreException unavailable(String database, Exception cause) {
        return new StoreException("the database is unavailable (" + database + "): " + cause.getMessage(), cause);
    }

    private StoreException(String message, Exception cause) {
        super(message, cause);
    }
}
