package io.runbox.server.access;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** One token bucket (Bucket4j) per key or anonymous client, refilled greedily at its rate. */
final class RateLimiters {
    private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    /** Takes one token from {@code who}'s bucket of {@code perPeriod} tokens a {@code period}. */
    ConsumptionProbe take(String who, long perPeriod, Duration period) {
        Bucket b = buckets.computeIfAbsent(who + "/" + perPeriod + "/" + period.toMillis(), k -> Bucket.builder()
                .addLimit(limit -> limit.capacity(perPeriod).refillGreedy(perPeriod, period))
                .build());
        return b.tryConsumeAndReturnRemaining(1);
    }
}
