package io.runbox.store;

/** What the per-SPI contracts need from a backend's test: its stores, the clock they read, and a reopening. */
interface StoreFixture {

    /** The stores under test, as last opened. */
    Database stores();

    /** The clock every store reads; it moves only when a test moves it. */
    TestClock clock();

    /**
     * Closes the stores and opens them again over the same data, as a restarted process would find it; later
     * calls of {@link #stores()} return the new ones.
     */
    Database reopen() throws Exception;
}
