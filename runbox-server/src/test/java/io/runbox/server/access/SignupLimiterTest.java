package io.runbox.server.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Keys per address per window, in bounded memory: a full table refuses new addresses rather than forget counts. */
class SignupLimiterTest {
    private final AtomicLong now = new AtomicLong();
    private final SignupLimiter limiter = new SignupLimiter(2, Duration.ofHours(1), 3, now::get);

    /** 0 when counted, else the wait. */
    private long wait(String address) {
        return limiter.tryCreate(address).waitSeconds();
    }

    private void advance(Duration d) {
        now.addAndGet(d.toNanos());
    }

    @Test
    void eachAddressGetsItsLimitPerWindow() {
        assertThat(wait("10.0.0.1")).isZero();
        assertThat(wait("10.0.0.1")).isZero();
        advance(Duration.ofMinutes(20));
        assertThat(wait("10.0.0.1")).as("seconds until its window closes").isEqualTo(40 * 60);
        assertThat(wait("10.0.0.2")).as("another address").isZero();
        advance(Duration.ofMinutes(40));
        assertThat(wait("10.0.0.1")).as("a new window").isZero();
    }

    @Test
    void ipv6AddressesCountPerSlash64() {
        assertThat(wait("2001:db8:1:2::1")).isZero();
        assertThat(wait("2001:db8:1:2:ffff::9")).isZero();
        assertThat(wait("[2001:db8:1:2::abcd]")).as("same /64").isPositive();
        assertThat(wait("2001:db8:1:3::1")).as("another /64").isZero();
        assertThat(SignupLimiter.group("2001:db8:1:2:3:4:5:6")).isEqualTo("2001:db8:1:2:0:0:0:0/64");
        assertThat(SignupLimiter.group("192.0.2.7")).isEqualTo("192.0.2.7");
    }

    @Test
    void aFullTableRefusesNewAddressesUntilTheOldestWindowCloses() {
        for (int i = 1; i <= 3; i++) {
            assertThat(wait("10.0.0." + i)).isZero();
            advance(Duration.ofMinutes(10));
        }
        assertThat(limiter.size()).isEqualTo(3);
        assertThat(limiter.tryCreate("10.0.0.9")).as("until the first window closes")
                .isEqualTo(new SignupLimiter.Verdict(30 * 60, true));
        assertThat(wait("10.0.0.1")).as("a known address still counts").isZero();
        assertThat(limiter.tryCreate("10.0.0.1")).as("and is still limited, by its own count")
                .isEqualTo(new SignupLimiter.Verdict(30 * 60, false));
        advance(Duration.ofMinutes(30));
        assertThat(wait("10.0.0.9")).isZero();
        assertThat(limiter.size()).isEqualTo(3);
    }
}
