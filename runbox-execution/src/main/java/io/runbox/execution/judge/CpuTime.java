package io.runbox.execution.judge;

import java.time.Duration;

/**
 * A CPU-time limit: a run whose processes used more than {@code limitMs} of CPU time is a time limit; its box is
 * killed once they used {@code limitMs + extraMs} (so how far over it went is measured), or at its wall time.
 */
public record CpuTime(long limitMs, long extraMs) {
    public CpuTime {
        if (limitMs < 1 || extraMs < 0) {
            throw new IllegalArgumentException("a CPU-time limit must be positive and its extra time 0 or more");
        }
    }

    /** When the box is killed. */
    public Duration killAt() {
        return Duration.ofMillis(limitMs + extraMs);
    }
}
