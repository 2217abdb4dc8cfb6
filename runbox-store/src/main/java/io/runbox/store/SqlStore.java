package io.runbox.store;

import io.runbox.core.access.KeyStore;
import io.runbox.core.cluster.NodeRegistry;
import io.runbox.core.cluster.SessionRegistry;
import io.runbox.core.jobs.CallbackOutbox;
import io.runbox.core.jobs.JobQueue;
import io.runbox.core.jobs.PermlinkStore;
import java.sql.Statement;
import java.time.Clock;

/**
 * The stores both backends share, on one database. A backend's {@link Database} extends it with what is its own:
 * how idle workers hear of queued jobs, which keys' limits it holds for every node, what it is called, and closing.
 */
public abstract class SqlStore implements Database {
    private final Transactions db;
    private final JobQueue jobs;
    private final CallbackOutbox callbacks;
    private final PermlinkStore permlinks;
    private final KeyStore keys;
    private final NodeRegistry nodes;
    private final SessionRegistry sessions;

    /** The stores on {@code db}, written in {@code dialect}, reading {@code clock}; the queue tells {@code queued}. */
    protected SqlStore(Transactions db, Dialect dialect, Clock clock, SqlJobQueue.Queued queued) {
        this.db = db;
        this.jobs = new SqlJobQueue(db, dialect, clock, queued);
        this.callbacks = new SqlCallbackOutbox(db, dialect, clock);
        this.permlinks = new SqlPermlinkStore(db);
        this.keys = new SqlKeyStore(db);
        this.nodes = new SqlNodeRegistry(db);
        this.sessions = new SqlSessionRegistry(db);
    }

    @Override
    public final JobQueue jobs() {
        return jobs;
    }

    @Override
    public final CallbackOutbox callbacks() {
        return callbacks;
    }

    @Override
    public final PermlinkStore permlinks() {
        return permlinks;
    }

    @Override
    public final KeyStore keys() {
        return keys;
    }

    @Override
    public final NodeRegistry nodes() {
        return nodes;
    }

    @Override
    public final SessionRegistry sessions() {
        return sessions;
    }

    @Override
    public final void ping() {
        db.transaction(c -> {
            try (Statement s = c.createStatement()) {
                return s.execute("SELECT 1");
            }
        });
    }
}
