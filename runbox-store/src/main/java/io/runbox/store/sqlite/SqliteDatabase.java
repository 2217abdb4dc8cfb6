package io.runbox.store.sqlite;

import io.runbox.store.StoreException;
import io.runbox.store.Transactions;
import io.runbox.store.Work;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.sqlite.SQLiteDataSource;

/**
 * The embedded database: one SQLite file, migrated by Flyway at open, used through one connection that
 * callers take turns on ({@link #transaction}). SQLite serialises writers anyway; one connection keeps
 * "committed" meaning "on disk" (WAL, synchronous=FULL) without lock-contention errors.
 */
public final class SqliteDatabase implements Transactions, AutoCloseable {
    private final Connection connection;
    private final Path file;

    private SqliteDatabase(Path file, Connection connection) {
        this.file = file;
        this.connection = connection;
    }

    /** Opens (creating if needed) and migrates the database at {@code file}. */
    public static SqliteDatabase open(Path file) throws IOException {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            String url = "jdbc:sqlite:" + file.toAbsolutePath();
            SQLiteDataSource ds = new SQLiteDataSource();
            ds.setUrl(url);
            Flyway.configure().dataSource(ds).locations("classpath:db/sqlite").load().migrate();
            Connection c = DriverManager.getConnection(url);
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=FULL");
                s.execute("PRAGMA foreign_keys=ON");
                s.execute("PRAGMA busy_timeout=10000");
            }
            c.setAutoCommit(false);
            return new SqliteDatabase(file, c);
        } catch (SQLException | RuntimeException e) {
            throw new IOException("cannot open the database " + file + ": " + e.getMessage(), e);
        }
    }

    public Path file() {
        return file;
    }

    /** {@inheritDoc} One caller at a time: a transaction holds the only connection until it ends. */
    @Override
    public synchronized <T> T transaction(Work<T> work) {
        try {
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }
}
