package io.runbox.store;

import io.runbox.core.access.KeyStore;
import io.runbox.core.jobs.CallbackOutbox;
import io.runbox.core.jobs.JobQueue;
import io.runbox.core.jobs.PermlinkStore;

/** What the per-SPI contracts need from a backend's test: its stores, the clock they read, and a reopening. */
interface StoreFixture {

    /** One backend's stores over one database, sharing its transactions. */
    record Stores(JobQueue jobs, CallbackOutbox callbacks, PermlinkStore permlinks, KeyStore keys,
                  AutoCloseable database) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            database.close();
        }
    }

    /** The stores under test, as last opened. */
    Stores stores();

    /** The clock every store reads; it moves only when a test moves it. */
    TestClock clock();

    /**
     * Closes the stores and opens them again over the same data, as a restarted process would find it; later
     * calls of {@link #stores()} return the new ones.
     */
    Stores reopen() throws Exception;
}
