package io.runbox.store.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.runbox.store.StoreException;
import io.runbox.store.Transactions;
import io.runbox.store.Work;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import org.flywaydb.core.Flyway;

/**
 * A PostgreSQL database through a pool of connections (HikariCP), migrated by Flyway at open. Each
 * {@link #transaction} takes a connection for its duration, so calls of many threads (and other nodes) run at once.
 * When the database is down a call fails within {@link #CONNECTION_TIMEOUT} with a {@link StoreException} saying it
 * is unavailable; the pool connects again by itself once it is back.
 */
public final class PostgresDatabase implements Transactions, AutoCloseable {
    /** How long a call waits for a connection before it fails. */
    public static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(3);

    private final PostgresUrl url;
    private final HikariDataSource pool;

    private PostgresDatabase(PostgresUrl url, HikariDataSource pool) {
        this.url = url;
        this.pool = pool;
    }

    /** Connects to and migrates the database at {@code url}. */
    public static PostgresDatabase open(PostgresUrl url) throws IOException {
        HikariConfig config = new HikariConfig();
        config.setPoolName("runbox-postgres");
        config.setJdbcUrl(url.jdbcUrl());
        config.setUsername(url.user());
        config.setPassword(url.password());
        config.setAutoCommit(false);
        config.setMaximumPoolSize(10);
        config.setConnectionTimeout(CONNECTION_TIMEOUT.toMillis());
        config.setValidationTimeout(Duration.ofSeconds(2).toMillis());
        config.addDataSourceProperty("connectTimeout", String.valueOf(CONNECTION_TIMEOUT.toSeconds()));
        config.addDataSourceProperty("ApplicationName", "runbox");
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new IOException("cannot open the database " + url + ": " + e.getMessage(), e);
        }
        try {
            Flyway.configure().dataSource(pool).locations("classpath:db/postgresql").load().migrate();
            return new PostgresDatabase(url, pool);
        } catch (RuntimeException e) {
            pool.close();
            throw new IOException("cannot open the database " + url + ": " + e.getMessage(), e);
        }
    }

    /** Where it is, without the password. */
    public PostgresUrl url() {
        return url;
    }

    /**
     * Runs {@code work} in a transaction on a pooled connection and commits it; rolls back and rethrows (unchecked)
     * on failure. When the connection turns out to be dead before the commit (the database restarted since it was
     * last used), nothing was committed: the pool drops its idle connections and the work runs once more on a new one.
     *
     * @throws StoreException saying the database is unavailable when no connection can be had or the one in use broke
     */
    @Override
    public <T> T transaction(Work<T> work) {
        return transaction(work, true);
    }

    private <T> T transaction(Work<T> work, boolean mayRetry) {
        Connection c;
        try {
            c = pool.getConnection();
        } catch (SQLException e) {
            throw StoreException.unavailable(url.toString(), e);
        }
        boolean retry = false;
        try (c) {
            T result;
            try {
                result = work.run(c);
            } catch (SQLException | RuntimeException e) {
                rollback(c);
                if (mayRetry && e instanceof SQLException lost && lostConnection(lost)) {
                    retry = true;
                }
                throw e;
            }
            c.commit();
            return result;
        } catch (SQLException e) {
            if (!lostConnection(e)) {
                throw new StoreException(e);
            }
            pool.getHikariPoolMXBean().softEvictConnections();
            if (!retry) {
                throw StoreException.unavailable(url.toString(), e);
            }
        }
        return transaction(work, false);
    }

    private static void rollback(Connection c) {
        try {
            c.rollback();
        } catch (SQLException broken) {
            // The connection is gone; the pool drops it and the transaction died with it.
        }
    }

    /** Connection exceptions (class 08) and the server shutting down or starting (57P01 to 57P03). */
    private static boolean lostConnection(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("08") || state.startsWith("57P0"));
    }

    /** A connection of its own, outside the pool, in auto-commit (for LISTEN). */
    Connection connectAlone() throws SQLException {
        Properties props = new Properties();
        if (url.user() != null) {
            props.setProperty("user", url.user());
        }
        if (url.password() != null) {
            props.setProperty("password", url.password());
        }
        props.setProperty("connectTimeout", String.valueOf(CONNECTION_TIMEOUT.toSeconds()));
        props.setProperty("ApplicationName", "runbox-listen");
        return DriverManager.getConnection(url.jdbcUrl(), props);
    }

    @Override
    public void close() {
        pool.close();
    }
}
