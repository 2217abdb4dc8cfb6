package io.runbox.server.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Per-client buckets do not pile up: one that has refilled completely is dropped. */
class RateLimitersTest {
    private static final Duration SECOND = Duration.ofSeconds(1);

    @Test
    void bucketsOfClientsGoneQuietAreDroppedAndBusyOnesKept() throws Exception {
        RateLimiters rates = new RateLimiters(Duration.ofSeconds(3));
        for (int i = 0; i < 20_000; i++) {
            assertThat(rates.take("ip:10.0." + (i >> 8) + "." + (i & 255), 5, SECOND).taken()).isTrue();
        }
        assertThat(rates.size()).isEqualTo(20_000);

        Thread.sleep(3_500); // every bucket refills within 1 s, and a sweep is due
        for (int i = 0; i < 5; i++) {
            assertThat(rates.take("ip:busy", 5, SECOND).taken()).isTrue(); // this call also sweeps
        }
        assertThat(rates.size()).isEqualTo(1);
        rates.sweep();
        assertThat(rates.size()).as("a drained bucket is kept").isEqualTo(1);
        assertThat(rates.take("ip:busy", 5, SECOND).taken()).as("and still limits").isFalse();
    }
}
