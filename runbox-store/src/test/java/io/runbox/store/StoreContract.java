package io.runbox.store;

import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The behaviour every store backend owes its callers, per the SPIs' Javadoc in runbox-core: the job queue
 * ({@link JobQueueContract}), the callback outbox ({@link CallbackOutboxContract}), permlinks
 * ({@link PermlinkStoreContract}), keys with their usage ({@link KeyStoreContract}), the nodes of a cluster
 * ({@link NodeRegistryContract}), the node of each session ({@link SessionRegistryContract}) and the
 * {@link Database} that holds them ({@link DatabaseContract}). A backend's test extends this class and says how to
 * open its stores; every test starts from an empty database.
 */
public abstract class StoreContract implements JobQueueContract, CallbackOutboxContract, PermlinkStoreContract,
        KeyStoreContract, NodeRegistryContract, SessionRegistryContract, DatabaseContract {
    private final TestClock clock = new TestClock(Instant.parse("2026-11-29T06:00:00Z"));
    private Database stores;

    /** Opens this backend's stores over a new, empty database, reading time from {@code clock}. */
    protected abstract Database open(Clock clock) throws Exception;

    /** Opens this backend's stores again over the database of the last {@link #open} (already closed). */
    protected abstract Database openAgain(Clock clock) throws Exception;

    @BeforeEach
    final void openStores() throws Exception {
        stores = open(clock);
    }

    @AfterEach
    final void closeStores() throws Exception {
        stores.close();
    }

    @Override
    public final Database stores() {
        return stores;
    }

    @Override
    public final TestClock clock() {
        return clock;
    }

    @Override
    public final Database reopen() throws Exception {
        stores.close();
        stores = openAgain(clock);
        return stores;
    }
}
