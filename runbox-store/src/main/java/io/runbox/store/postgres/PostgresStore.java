package io.runbox.store.postgres;

import io.runbox.core.access.RateBuckets;
import io.runbox.core.access.RunSlots;
import io.runbox.store.Dialect;
import io.runbox.store.SqlStore;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;

/**
 * The stores on a PostgreSQL database that any number of nodes share: a job queued on any of them wakes every node
 * ({@link JobNotifications}), and keys' limits hold for all of them together.
 */
public final class PostgresStore extends SqlStore {
    private final PostgresDatabase db;
    private final JobNotifications notifications;
    private final RunSlots runSlots;
    private final RateBuckets rateBuckets;

    private PostgresStore(PostgresDatabase db, Clock clock, JobNotifications notifications) {
        super(db, Dialect.POSTGRESQL, clock, notifications);
        this.db = db;
        this.notifications = notifications;
        this.runSlots = new PostgresRunSlots(db, clock);
        this.rateBuckets = new PostgresRateBuckets(db, clock);
    }

    /** Connects to and migrates the database at {@code url}. */
    public static PostgresStore open(PostgresUrl url, Clock clock) throws IOException {
        PostgresDatabase db = PostgresDatabase.open(url);
        return new PostgresStore(db, clock, new JobNotifications(db));
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
    public void onJobQueued(Runnable wake) {
        notifications.add(wake);
    }

    @Override
    public void close() {
        notifications.close();
        db.close();
    }
}
