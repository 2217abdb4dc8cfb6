package io.runbox.server.access;

import io.runbox.core.access.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each key's calls per month, counted in memory and written to the {@link KeyStore} in batches: one write per key
 * every {@code flushEvery} (at most) instead of one durable write per call. What a call is told is exact within
 * this process: the stored count plus the calls not yet written. A crash loses at most the calls of the last
 * {@code flushEvery}; {@link #close} writes everything pending.
 */
public final class UsageCounter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(UsageCounter.class);

    private final KeyStore store;
    private final Map<Usage, Tally> tallies = new ConcurrentHashMap<>();
    private final ScheduledExecutorService flusher;

    private record Usage(String keyId, String month) {
    }

    /** One key's month: the count last read from or written to the store, and the calls since. */
    private static final class Tally {
        long stored = -1;
        long pending;
        Instant lastUsedAt;
        boolean retired;
    }

    /** Starts a platform thread that writes pending calls every {@code flushEvery}. */
    public UsageCounter(KeyStore store, Duration flushEvery) {
        this.store = store;
        this.flusher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "runbox-usage-flush");
            t.setDaemon(true);
            return t;
        });
        flusher.scheduleWithFixedDelay(this::flushQuietly, flushEvery.toMillis(), flushEvery.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Counts one call of key {@code keyId} in {@code month} at {@code at}; returns the month's calls, this one included. */
    public long count(String keyId, String month, Instant at) {
        Usage usage = new Usage(keyId, month);
        while (true) {
            Tally t = tallies.computeIfAbsent(usage, u -> new Tally());
            synchronized (t) {
                if (t.retired) {
                    continue; // a flush dropped it between the lookup and the lock: take the new one
                }
                if (t.stored < 0) {
                    t.stored = store.uses(keyId, month);
                }
                t.pending++;
                t.lastUsedAt = at;
                return t.stored + t.pending;
            }
        }
    }

    /**
     * Writes every pending call, one write per key and month, and forgets the tallies with nothing pending (they
     * are read again on their next call). A write that fails stays pending for the next flush.
     */
    public synchronized void flush() {
        for (Map.Entry<Usage, Tally> e : tallies.entrySet()) {
            Usage usage = e.getKey();
            Tally t = e.getValue();
            long calls;
            Instant at;
            synchronized (t) {
                if (t.pending == 0) {
                    t.retired = true;
                    tallies.remove(usage, t);
                    continue;
                }
                calls = t.pending;
                at = t.lastUsedAt;
            }
            long total = store.recordUses(usage.keyId(), usage.month(), calls, at);
            synchronized (t) {
                t.pending -= calls;
                t.stored = total;
            }
        }
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (RuntimeException e) {
            LOG.warn("could not write key usage ({}); it stays pending and the next flush tries again", e.getMessage());
        }
    }

    /** Stops the periodic flush and writes what is pending. */
    @Override
    public void close() {
        flusher.shutdown();
        try {
            flusher.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flush();
    }
}
