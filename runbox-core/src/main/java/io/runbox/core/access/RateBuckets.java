package io.runbox.core.access;

import java.time.Duration;

/**
 * Token buckets by name, shared by every node that uses the same instance or store: a bucket holds up to
 * {@code capacity} tokens, starts full and refills greedily at {@code capacity} tokens per {@code period}.
 */
public interface RateBuckets {

    /**
     * Takes one token from {@code who}'s bucket if it holds a whole one. Of any number of concurrent takes, on any
     * node, no more succeed than the bucket holds. A bucket last used with another rate keeps its tokens, up to the
     * new capacity.
     *
     * @throws IllegalArgumentException when {@code capacity} is below 1 or {@code period} not positive
     */
    BucketTake take(String who, long capacity, Duration period);
}
