package io.runbox.store.sqlite;

import io.runbox.store.SqlJobQueue;
import java.sql.Connection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

/**
 * The wakes of {@link SqliteStore#onJobQueued}: nothing else uses the file, so a job queued here is the only news
 * idle workers can wait for. Each {@link #tell} hands every wake to a thread of its own; a store call a wake makes
 * waits for the database's one connection, so it sees the jobs once the transaction that queued them has committed.
 */
final class LocalJobWakes implements SqlJobQueue.Queued, AutoCloseable {
    private final List<Runnable> wakes = new CopyOnWriteArrayList<>();
    private final ExecutorService waker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "runbox-store-wake");
        t.setDaemon(true);
        return t;
    });

    void add(Runnable wake) {
        wakes.add(wake);
    }

    @Override
    public void tell(Connection c) {
        if (wakes.isEmpty()) {
            return;
        }
        try {
            waker.execute(() -> wakes.forEach(Runnable::run));
        } catch (RejectedExecutionException closed) {
            // The store is closing: nobody is left to wake.
        }
    }

    /** Runs no more wakes. */
    @Override
    public void close() {
        waker.shutdownNow();
    }
}
