package io.runbox.core;

import java.time.Duration;

/**
 * A deadline on {@link System#nanoTime()}'s clock, for any {@link Duration} a request or a configuration can name:
 * one too long to count in nanoseconds (a request's {@code run_timeout} of {@code 1e18} ms, say) is simply never
 * reached, where {@code System.nanoTime() + d.toNanos()} would throw or wrap around into the past.
 *
 * @param startNanos when the wait began, on {@link System#nanoTime()}'s clock
 * @param nanos      how long it may last; {@link Long#MAX_VALUE} for a duration beyond what nanoseconds count
 */
public record Deadline(long startNanos, long nanos) {

    /** {@code duration} from {@code startNanos}. */
    public static Deadline of(long startNanos, Duration duration) {
        long nanos;
        try {
            nanos = Math.max(0, duration.toNanos());
        } catch (ArithmeticException e) {
            nanos = duration.isNegative() ? 0 : Long.MAX_VALUE;
        }
        return new Deadline(startNanos, nanos);
    }

    /** {@code duration} from now. */
    public static Deadline after(Duration duration) {
        return of(System.nanoTime(), duration);
    }

    /** Nanoseconds left, 0 once passed; never negative, never wrapped around. */
    public long remainingNanos() {
        long elapsed = Math.max(0, System.nanoTime() - startNanos);
        return elapsed >= nanos ? 0 : nanos - elapsed;
    }
}
