package io.runbox.server.access;

import io.runbox.core.access.BucketTake;
import io.runbox.core.access.RateBuckets;
import io.runbox.core.access.RunSlot;
import io.runbox.core.access.RunSlots;
import java.time.Duration;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where keys' token buckets and concurrent-run slots are counted: in the store that the nodes of a cluster share
 * when it offers them (every node then counts against the same bucket and cap), else in this process's memory.
 * Shared slots are leased: a platform thread renews this node's leases every {@link #RENEW_EVERY}, so the slots of
 * a node that died count for at most {@link #LEASE}; a release the store refused is tried again on that thread.
 */
public final class KeyLimits implements AutoCloseable {
    /** How long a shared slot counts without its node renewing it. */
    static final Duration LEASE = Duration.ofSeconds(30);
    /** How often this node renews its shared slots' leases: three tries within a lease. */
    static final Duration RENEW_EVERY = LEASE.dividedBy(3);
    private static final Logger LOG = LoggerFactory.getLogger(KeyLimits.class);

    private final RateBuckets rates;
    private final RunSlots slots;
    private final String nodeId;
    private final Queue<RunSlot> unreleased = new ConcurrentLinkedQueue<>();
    private final ScheduledExecutorService renewer;

    private KeyLimits(RateBuckets rates, RunSlots slots, String nodeId, boolean leased) {
        this.rates = rates;
        this.slots = slots;
        this.nodeId = nodeId;
        this.renewer = leased ? Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "runbox-slot-leases");
            t.setDaemon(true);
            return t;
        }) : null;
        if (renewer != null) {
            renewer.scheduleWithFixedDelay(this::renewQuietly, RENEW_EVERY.toMillis(), RENEW_EVERY.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Each limit in the store when it offers one ({@code sharedSlots} leased by node {@code nodeId}), else in memory.
     */
    public static KeyLimits of(Optional<RateBuckets> sharedRates, Optional<RunSlots> sharedSlots, String nodeId) {
        return new KeyLimits(sharedRates.orElseGet(RateLimiters::new), sharedSlots.orElseGet(ConcurrencyCaps::new),
                nodeId, sharedSlots.isPresent());
    }

    /** Both limits in this process's memory, as on a single node. */
    public static KeyLimits inProcess() {
        return of(Optional.empty(), Optional.empty(), "local");
    }

    /** Takes one token from the bucket named {@code who} ({@link RateBuckets#take}). */
    BucketTake takeToken(String who, long perPeriod, Duration period) {
        return rates.take(who, perPeriod, period);
    }

    /** One of key {@code keyId}'s {@code cap} slots: its release (run it once), or {@code null} at the cap. */
    Runnable tryTakeSlot(String keyId, int cap) {
        return slots.tryTake(keyId, cap, nodeId, LEASE).<Runnable>map(slot -> () -> release(slot)).orElse(null);
    }

    private void release(RunSlot slot) {
        try {
            slots.release(slot);
        } catch (RuntimeException e) {
            if (renewer == null) {
                throw e;
            }
            LOG.warn("could not free run slot {} of key {} ({}); it is tried again in {} s", slot.id(), slot.keyId(),
                    e.getMessage(), RENEW_EVERY.toSeconds());
            unreleased.add(slot);
        }
    }

    /** Frees the slots whose release failed, then renews the leases of the slots this node holds. */
    private void renewQuietly() {
        try {
            RunSlot slot;
            while ((slot = unreleased.peek()) != null) {
                slots.release(slot);
                unreleased.remove(slot);
            }
            slots.renew(nodeId, LEASE);
        } catch (RuntimeException e) {
            LOG.warn("could not renew this node's run slots ({}); the next try is in {} s", e.getMessage(),
                    RENEW_EVERY.toSeconds());
        }
    }

    /** Stops renewing: slots still held count until their leases run out. */
    @Override
    public void close() {
        if (renewer == null) {
            return;
        }
        renewer.shutdown();
        try {
            renewer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
