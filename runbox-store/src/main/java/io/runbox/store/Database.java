package io.runbox.store;

import io.runbox.core.access.KeyStore;
import io.runbox.core.access.RateBuckets;
import io.runbox.core.access.RunSlots;
import io.runbox.core.cluster.NodeRegistry;
import io.runbox.core.cluster.SessionRegistry;
import io.runbox.core.jobs.CallbackOutbox;
import io.runbox.core.jobs.JobQueue;
import io.runbox.core.jobs.PermlinkStore;
import io.runbox.store.postgres.PostgresStore;
import io.runbox.store.postgres.PostgresUrl;
import io.runbox.store.sqlite.SqliteStore;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/**
 * One database and every store on it: the embedded SQLite file of a single node, or a PostgreSQL that any number
 * of nodes share. Store calls fail with {@link StoreException}, nothing of the failed call committed.
 */
public interface Database extends AutoCloseable {

    JobQueue jobs();

    CallbackOutbox callbacks();

    PermlinkStore permlinks();

    KeyStore keys();

    NodeRegistry nodes();

    SessionRegistry sessions();

    /**
     * Keys' concurrent-run slots counted for every node on this database: present when {@link #shared()}; a single
     * node keeps its own in memory, with no store call per run.
     */
    Optional<RunSlots> runSlots();

    /**
     * Keys' token buckets shared by every node on this database: present when {@link #shared()}; a single node keeps
     * its own in memory, with no store call per request.
     */
    Optional<RateBuckets> rateBuckets();

    /** Which database, for logs and status pages: "SQLite /path/runbox.db", "PostgreSQL host:port/db"; never a password. */
    String describe();

    /** True when other processes use the same data (PostgreSQL): what this process cached may be stale. */
    boolean shared();

    /**
     * Asks the database for an answer.
     *
     * @throws StoreException when it cannot answer
     */
    void ping();

    /**
     * Has {@code wake} run soon after any job is enqueued on this database, by this process or (when
     * {@link #shared()}) another. It runs on a thread of the store, holding nothing a store call needs, and should
     * return quickly. A wake may be lost (a dropped connection): callers still poll, the wake only shortens the wait.
     */
    void onJobQueued(Runnable wake);

    /** Releases the connections; later store calls fail. */
    @Override
    void close();

    /**
     * Opens and migrates the database that {@code url} names: SQLite at {@code sqliteFile} when {@code url} is
     * {@code null} or blank, else PostgreSQL at a {@code postgresql://user:password@host:port/db?params} URL (also
     * {@code postgres://} or {@code jdbc:postgresql://}).
     *
     * @throws IllegalArgumentException when {@code url} is of none of those forms
     * @throws IOException              when the database cannot be opened or migrated
     */
    static Database open(String url, Path sqliteFile, Clock clock) throws IOException {
        if (url == null || url.isBlank()) {
            return SqliteStore.open(sqliteFile, clock);
        }
        return PostgresStore.open(PostgresUrl.parse(url), clock);
    }
}
