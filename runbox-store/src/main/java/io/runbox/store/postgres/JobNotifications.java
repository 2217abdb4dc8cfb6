package io.runbox.store.postgres;

import io.runbox.store.SqlJobQueue;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.postgresql.PGConnection;

/**
 * The wakes of {@link PostgresStore#onJobQueued}, for jobs queued on any node. A {@link #tell} notifies
 * {@value #CHANNEL} when its transaction commits. One thread, started with the first wake, listens on that channel on
 * a connection of its own and runs every wake for each batch of notifications. When its connection drops it connects
 * again, waiting longer after each failure up to {@link #MAX_BACKOFF}, and runs the wakes once it is back, for jobs
 * queued while it was away.
 */
final class JobNotifications implements SqlJobQueue.Queued, AutoCloseable {
    /** The channel that queued jobs are told on. */
    static final String CHANNEL = "runbox_jobs";
    private static final System.Logger LOG = System.getLogger(JobNotifications.class.getName());
    private static final Duration MIN_BACKOFF = Duration.ofMillis(200);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    /** How long one wait for notifications lasts, so a closed listener ends within it. */
    private static final int POLL_MILLIS = 500;

    private final PostgresDatabase db;
    private final List<Runnable> wakes = new CopyOnWriteArrayList<>();
    private Thread listener;
    private volatile boolean closed;

    JobNotifications(PostgresDatabase db) {
        this.db = db;
    }

    synchronized void add(Runnable wake) {
        wakes.add(wake);
        if (listener == null && !closed) {
            listener = Thread.ofPlatform().name("runbox-postgres-listen").daemon().start(this::listen);
        }
    }

    /** Wakes idle workers on every node, when the transaction on {@code c} commits. */
    @Override
    public void tell(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("NOTIFY " + CHANNEL);
        }
    }

    private void listen() {
        Duration backoff = MIN_BACKOFF;
        boolean lost = false;
        while (!closed) {
            try (Connection c = db.connectAlone()) {
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + CHANNEL);
                }
                if (lost) {
                    LOG.log(System.Logger.Level.INFO, "listening for queued jobs again on " + db.url());
                }
                backoff = MIN_BACKOFF;
                lost = false;
                wakeAll();
                PGConnection pg = c.unwrap(PGConnection.class);
                while (!closed) {
                    var notifications = pg.getNotifications(POLL_MILLIS);
                    if (notifications != null && notifications.length > 0) {
                        wakeAll();
                    }
                }
            } catch (SQLException e) {
                if (!lost && !closed) {
                    LOG.log(System.Logger.Level.WARNING, "not listening for queued jobs on " + db.url()
                            + " (retrying): " + e.getMessage());
                }
                lost = true;
                if (!pause(backoff)) {
                    return;
                }
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
    }

    /** False when interrupted (closing). */
    private static boolean pause(Duration d) {
        try {
            Thread.sleep(d);
            return true;
        } catch (InterruptedException e) {
            return false;
        }
    }

    private void wakeAll() {
        for (Runnable wake : wakes) {
            try {
                wake.run();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "a queued-job wake failed", e);
            }
        }
    }

    /** Stops listening without waiting: the thread ends within one wait for notifications. */
    @Override
    public synchronized void close() {
        closed = true;
        if (listener != null) {
            listener.interrupt();
        }
    }
}
