package io.runbox.store;

import java.sql.Connection;
import java.sql.SQLException;

/** Work inside one transaction, on the connection it is given; the caller commits or rolls back. */
@FunctionalInterface
public interface Work<T> {
    T run(Connection c) throws SQLException;
}
