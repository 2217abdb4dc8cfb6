package io.runbox.server.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.runbox.core.access.RunSlot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** A single node's slots: a key's cap holds under concurrent takers, a release frees one slot once. */
class ConcurrencyCapsTest {
    private static final Duration LEASE = Duration.ofSeconds(30);
    private final ConcurrencyCaps caps = new ConcurrencyCaps();

    @Test
    void concurrentTakersGetExactlyTheCap() throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Optional<RunSlot>>> takers = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(16)) {
            for (int i = 0; i < 16; i++) {
                takers.add(pool.submit(() -> {
                    go.await();
                    return caps.tryTake("k", 3, "local", LEASE);
                }));
            }
            go.countDown();
        }
        int taken = 0;
        for (Future<Optional<RunSlot>> t : takers) {
            taken += t.get().isPresent() ? 1 : 0;
        }
        assertThat(taken).isEqualTo(3);
        assertThat(caps.renew("local", LEASE)).as("held").isEqualTo(3);
    }

    @Test
    void aReleaseFreesItsSlotOnceAndKeysHaveTheirOwnCaps() {
        RunSlot slot = caps.tryTake("k", 2, "local", LEASE).orElseThrow();
        caps.tryTake("k", 2, "local", LEASE).orElseThrow();
        assertThat(caps.tryTake("k", 2, "local", LEASE)).isEmpty();
        assertThat(caps.tryTake("other", 2, "local", LEASE)).isPresent();
        caps.release(slot);
        caps.release(slot);
        assertThat(caps.tryTake("k", 2, "local", LEASE)).isPresent();
        assertThat(caps.tryTake("k", 2, "local", LEASE)).as("the second release freed nothing").isEmpty();
    }
}
