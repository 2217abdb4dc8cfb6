package io.runbox.server.access;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.runbox.core.access.BucketTake;
import io.runbox.core.access.RateBuckets;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One token bucket (Bucket4j) per key or anonymous client, in this process's memory, refilled greedily at its rate:
 * the {@link RateBuckets} of a single node, and the anonymous clients' of every node. A bucket that has
 * refilled completely is the same as a new one, so such buckets are dropped (at most every {@code sweepEvery},
 * by the call that finds the time come): the map holds the clients of about the last refill period, not every
 * address ever seen.
 */
final class RateLimiters implements RateBuckets {
    private static final Duration SWEEP_EVERY = Duration.ofSeconds(30);

    private final ConcurrentMap<String, Limited> buckets = new ConcurrentHashMap<>();
    private final long sweepEveryNanos;
    private final AtomicLong nextSweep;

    private record Limited(Bucket bucket, long capacity) {
        boolean full() {
            return bucket.getAvailableTokens() >= capacity;
        }
    }

    RateLimiters() {
        this(SWEEP_EVERY);
    }

    RateLimiters(Duration sweepEvery) {
        this.sweepEveryNanos = sweepEvery.toNanos();
        this.nextSweep = new AtomicLong(System.nanoTime() + sweepEveryNanos);
    }

    /** Takes one token from {@code who}'s bucket of {@code perPeriod} tokens a {@code period}. */
    @Override
    public BucketTake take(String who, long perPeriod, Duration period) {
        sweepIfDue();
        ConsumptionProbe[] probe = new ConsumptionProbe[1];
        // Taken inside compute, so a sweep never drops a bucket between its lookup and the take.
        buckets.compute(who + "/" + perPeriod + "/" + period.toMillis(), (k, b) -> {
            Limited l = b != null ? b : new Limited(Bucket.builder()
                    .addLimit(limit -> limit.capacity(perPeriod).refillGreedy(perPeriod, period))
                    .build(), perPeriod);
            probe[0] = l.bucket().tryConsumeAndReturnRemaining(1);
            return l;
        });
        ConsumptionProbe p = probe[0];
        return new BucketTake(p.isConsumed(), p.getRemainingTokens(), Duration.ofNanos(p.getNanosToWaitForRefill()),
                Duration.ofNanos(p.getNanosToWaitForReset()));
    }

    /** Drops every bucket that has refilled completely. */
    void sweep() {
        for (String k : buckets.keySet()) {
            buckets.computeIfPresent(k, (key, l) -> l.full() ? null : l);
        }
    }

    /** How many buckets are kept. */
    int size() {
        return buckets.size();
    }

    private void sweepIfDue() {
        long due = nextSweep.get();
        if (System.nanoTime() - due >= 0 && nextSweep.compareAndSet(due, System.nanoTime() + sweepEveryNanos)) {
            sweep();
        }
    }
}
