package io.runbox.store.postgres;

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
import java.sql.PreparedStatement;
import java.time.Clock;
import java.util.Optional;

/** The stores on a PostgreSQL database that any number of nodes share. */
public final class PostgresStore implements Database {
    private final PostgresDatabase db;
    private final JobNotifications notifications;
    private final JobQueue jobs;
    private final CallbackOutbox callbacks;
    private final PermlinkStore permlinks;
    private final KeyStore keys;
    private final NodeRegistry nodes;
    private final SessionRegistry sessions;
    private final RunSlots runSlots;
    private final RateBuckets rateBuckets;

    private PostgresStore(PostgresDatabase db, Clock clock) {
        this.db = db;
        this.notifications = new JobNotifications(db);
        this.jobs = new PostgresJobQueue(db, clock);
        this.callbacks = new PostgresCallbackOutbox(db, clock);
        this.permlinks = new PostgresPermlinkStore(db);
        this.keys = new PostgresKeyStore(db);
        this.nodes = new PostgresNodeRegistry(db);
        this.sessions = new PostgresSessionRegistry(db);
        this.runSlots = new PostgresRunSlots(db, clock);
        this.rateBuckets = new PostgresRateBuckets(db, clock);
    }

    /** Connects to and migrates the database at {@code url}. */
    public static PostgresStore open(PostgresUrl url, Clock clock) throws IOException {
        return new PostgresStore(PostgresDatabase.open(url), clock);
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

    @Override
    public SessionRegistry sessions() {
        return sessions;
    }

    @Override
    public Optional<RunSlots> runSlots() {
        return Optional.of(runSlots);
    }

    @Override
    public Optional<RateBuckets> rateBuckets() {
        return Optional.of(rateBuckets);
    }

    @Override
    public String describe() {
        return db.url().toString();
    }

    @Override
    public boolean shared() {
        return true;
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
        notifications.add(wake);
    }

    @Override
    public void close() {
        notifications.close();
        db.close();
    }
}
