package io.runbox.store.sqlite;

import io.runbox.core.access.RateBuckets;
import io.runbox.core.access.RunSlots;
import io.runbox.store.Dialect;
import io.runbox.store.SqlStore;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/**
 * The stores on one SQLite file, for a single node: nothing else uses the file, so a job queued here is the only
 * news idle workers can wait for ({@link LocalJobWakes}).
 */
public final class SqliteStore extends SqlStore {
    private final SqliteDatabase db;
    private final LocalJobWakes wakes;

    private SqliteStore(SqliteDatabase db, Clock clock, LocalJobWakes wakes) {
        super(db, Dialect.SQLITE, clock, wakes);
        this.db = db;
        this.wakes = wakes;
    }

    /** Opens (creating and migrating if needed) the database at {@code file}. */
    public static SqliteStore open(Path file, Clock clock) throws IOException {
        return new SqliteStore(SqliteDatabase.open(file), clock, new LocalJobWakes());
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
    public String describe() {
        return "SQLite " + db.file().toAbsolutePath();
    }

    @Override
    public boolean shared() {
        return false;
    }

    @Override
    public void onJobQueued(Runnable wake) {
        wakes.add(wake);
    }

    @Override
    public void close() {
        wakes.close();
        db.close();
    }
}
