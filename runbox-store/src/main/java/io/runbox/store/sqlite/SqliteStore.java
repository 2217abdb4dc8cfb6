package io.runbox.store.sqlite;

import io.runbox.core.access.KeyStore;
import io.runbox.core.access.RateBuckets;
import io.runbox.core.access.RunSlots;
import io.runbox.core.cluster.NodeRegistry;
import io.runbox.core.cluster.SessionRegistry;
import io.runbox.core.jobs.CallbackOutbox;
import io.runbox.core.jobs.JobQueue;
import io.runbox.core.jobs.PermlinkStore;
import io.runbox.store.Database;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

/**
 * The stores on one SQLite file, for a single node: nothing else uses the file, so a job queued here is the only
 * news idle workers can wait for, and it is told on a thread of its own once the enqueue has committed.
 */
public final class SqliteStore implements Database {
    private final SqliteDatabase db;
    private final List<Runnable> wakes = new CopyOnWriteArrayList<>();
    private final ExecutorService waker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "runbox-store-wake");
        t.setDaemon(true);
        return t;
    });
    private final JobQueue jobs;
    private final CallbackOutbox callbacks;
    private final PermlinkStore permlinks;
    private final KeyStore keys;
    private final NodeRegistry nodes;
    private final SessionRegistry sessions;

    private SqliteStore(SqliteDatabase db, Clock clock) {
        this.db = db;
        this.jobs = new SqliteJobQueue(db, clock, this::jobQueued);
        this.callbacks = new SqliteCallbackOutbox(db, clock);
        this.permlinks = new SqlitePermlinkStore(db);
        this.keys = new SqliteKeyStore(db);
        this.nodes = new SqliteNodeRegistry(db);
        this.sessions = new SqliteSessionRegistry(db);
    }

    /** Opens (creating and migrating if needed) the database at {@code file}. */
    public static SqliteStore open(Path file, Clock clock) throws IOException {
        return new SqliteStore(SqliteDatabase.open(file), clock);
    }

    private void jobQueued() {
        if (wakes.isEmpty()) {
            return;
        }
        try {
            waker.execute(() -> wakes.forEach(Runnable::run));
        } catch (RejectedExecutionException closed) {
            // The store is closing: nobody is left to wake.
        }
    }

    @Override
    public JobQueue jobs() {
        return jobs;
    }

    @Override
    public CallbackOutbox callbacks() {
        return callbacks;
    }

    @Override
    public PermlinkStore permlinks() {
        return permlinks;
    }

    @Override
    public KeyStore keys() {
        return keys;
    }

    @Override
    public NodeRegistry nodes() {
        return nodes;
    }

    /** Empty: only this process uses the file, so it counts its slots in memory. */
    @Override
    public Optional<RunSlots> runSlots() {
        return Optional.empty();
    }

    /** Empty: only this process uses the file, so it keeps its buckets in memory. */
    @Override
    public Optional<RateBuckets> rateBuckets() {
        return Optional.empty();
    }

    @Override
    public SessionRegistry sessions() {
        return sessions;
    }

    @Override
    public String describe() {
        return "SQLite " + db.file().toAbsolutePath();
    }

    @Override
    public boolean shared() {
        return false;
    }

    @Override
    public void ping() {
        db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT 1")) {
                return s.execute();
            }
        });
    }

    @Override
    public void onJobQueued(Runnable wake) {
        wakes.add(wake);
    }

    @Override
    public void close() {
        waker.shutdownNow();
        db.close();
    }
}
