package io.runbox.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DeadlineTest {
    @Test
    void countsDownAnOrdinaryDuration() {
        Deadline d = Deadline.after(Duration.ofHours(1));
        assertThat(d.remainingNanos()).isPositive().isLessThanOrEqualTo(Duration.ofHours(1).toNanos());
        assertThat(Deadline.of(System.nanoTime() - Duration.ofSeconds(2).toNanos(), Duration.ofSeconds(1))
                .remainingNanos()).isZero();
    }

    /** Before, {@code Duration.toNanos()} threw for these and a request with such a timeout answered 500. */
    @Test
    void aDurationBeyondNanosecondsIsNeverReached() {
        for (Duration huge : new Duration[] {Duration.ofMillis(Long.MAX_VALUE), Duration.ofMillis((long) 1e18),
                Duration.ofSeconds(Long.MAX_VALUE)}) {
            Deadline d = Deadline.after(huge);
            assertThat(d.nanos()).isEqualTo(Long.MAX_VALUE);
            assertThat(d.remainingNanos()).isGreaterThan(Long.MAX_VALUE / 2);
        }
        assertThat(Deadline.of(System.nanoTime() + 1_000_000_000L, Duration.ofMillis(Long.MAX_VALUE)).remainingNanos())
                .isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void aNegativeDurationHasPassed() {
        assertThat(Deadline.after(Duration.ofMillis(-5)).remainingNanos()).isZero();
        assertThat(Deadline.after(Duration.ofSeconds(Long.MIN_VALUE)).remainingNanos()).isZero();
    }
}
