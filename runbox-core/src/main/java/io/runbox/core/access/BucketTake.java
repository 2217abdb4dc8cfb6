package io.runbox.core.access;

import java.time.Duration;

/**
 * What {@link RateBuckets#take} did.
 *
 * @param taken          whether the token was taken
 * @param remaining      the whole tokens left in the bucket
 * @param untilNextToken when not taken, how long until the bucket holds a whole token again
 * @param untilFull      how long until the bucket is full again
 */
public record BucketTake(boolean taken, long remaining, Duration untilNextToken, Duration untilFull) {
}
