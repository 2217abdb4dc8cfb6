package io.runbox.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.runbox.core.access.BucketTake;
import io.runbox.core.access.RateBuckets;
import io.runbox.core.access.RunSlot;
import io.runbox.core.access.RunSlots;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link RunSlots} and {@link RateBuckets} as their Javadoc promises, on a real PostgreSQL shared by two nodes (each
 * its own {@link Database} and pool): a key's cap and a bucket's capacity hold for both together, a slot whose lease
 * ran out no longer counts, and a renewed one does.
 */
class PostgresLimitsTest {
    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final int TAKERS_PER_NODE = 8;
    @RegisterExtension
    static final SharedPostgres POSTGRES = new SharedPostgres();
    private final TestClock clock = new TestClock(Instant.parse("2026-11-29T06:00:00Z"));
    private Database node1;
    private Database node2;

    @BeforeEach
    void openTwoNodes() throws Exception {
        List<Database> nodes = POSTGRES.nodes(2, clock);
        node1 = nodes.get(0);
        node2 = nodes.get(1);
    }

    private static RunSlots slots(Database node) {
        return node.runSlots().orElseThrow();
    }

    private static RateBuckets buckets(Database node) {
        return node.rateBuckets().orElseThrow();
    }

    @Test
    void takersOnBothNodesAtOnceGetExactlyTheCap() throws Exception {
        List<Optional<RunSlot>> got = race(node -> () -> slots(node).tryTake("k", 3, node.describe(), LEASE));
        assertThat(got.stream().filter(Optional::isPresent)).hasSize(3);
        assertThat(slots(node2).tryTake("k", 3, "node-2", LEASE)).as("still at the cap").isEmpty();
        assertThat(slots(node1).tryTake("other", 3, "node-1", LEASE)).as("another key's slots are its own").isPresent();
    }

    @Test
    void takersThatReleaseNeverHoldMoreThanTheCapTogether() throws Exception {
        AtomicInteger holding = new AtomicInteger();
        AtomicInteger mostHeld = new AtomicInteger();
        List<Integer> taken = race(node -> () -> {
            int mine = 0;
            for (int i = 0; i < 25; i++) {
                Optional<RunSlot> slot = slots(node).tryTake("k", 2, "n", LEASE);
                if (slot.isPresent()) {
                    mostHeld.accumulateAndGet(holding.incrementAndGet(), Math::max);
                    mine++;
                    holding.decrementAndGet();
                    slots(node).release(slot.get());
                }
            }
            return mine;
        });
        assertThat(mostHeld.get()).isBetween(1, 2);
        assertThat(taken.stream().mapToInt(Integer::intValue).sum()).as("slots were taken again after release")
                .isGreaterThan(2);
    }

    @Test
    void aReleasedSlotIsFreeAgainAndReleasingTwiceChangesNothing() {
        RunSlot slot = slots(node1).tryTake("k", 1, "node-1", LEASE).orElseThrow();
        slots(node1).release(slot);
        slots(node1).release(slot);
        RunSlot next = slots(node2).tryTake("k", 1, "node-2", LEASE).orElseThrow();
        assertThat(next.id()).isNotEqualTo(slot.id());
        assertThat(slots(node1).tryTake("k", 1, "node-1", LEASE)).isEmpty();
    }

    @Test
    void aSlotWhoseLeaseRanOutIsFreeForAnotherNode() {
        slots(node1).tryTake("k", 1, "node-1", LEASE).orElseThrow();
        clock.advance(LEASE.minusSeconds(1));
        assertThat(slots(node2).tryTake("k", 1, "node-2", LEASE)).as("within the lease").isEmpty();
        clock.advance(Duration.ofSeconds(1));
        assertThat(slots(node2).tryTake("k", 1, "node-2", LEASE)).as("the lease ran out").isPresent();
        assertThat(slots(node1).renew("node-1", LEASE)).as("node 1 lost its slot").isZero();
    }

    @Test
    void aRenewedSlotOutlivesItsFirstLeaseAndOnlyItsNodeRenewsIt() {
        slots(node1).tryTake("k", 2, "node-1", LEASE).orElseThrow();
        slots(node2).tryTake("k", 2, "node-2", LEASE).orElseThrow();
        clock.advance(Duration.ofSeconds(20));
        assertThat(slots(node1).renew("node-1", LEASE)).isEqualTo(1);
        clock.advance(Duration.ofSeconds(20));
        assertThat(slots(node2).tryTake("k", 2, "node-2", LEASE)).as("node 2's expired, node 1's renewed").isPresent();
        assertThat(slots(node1).tryTake("k", 2, "node-1", LEASE)).as("two held again").isEmpty();
        assertThat(slots(node2).renew("node-2", LEASE)).as("the new slot only; the expired one is forgotten")
                .isEqualTo(1);
    }

    @Test
    void takesOnBothNodesAtOnceGetExactlyTheBucketsCapacity() throws Exception {
        List<BucketTake> got = race(node -> () -> buckets(node).take("key:k", 5, Duration.ofHours(1)));
        assertThat(got.stream().filter(BucketTake::taken)).hasSize(5);
        BucketTake refused = buckets(node1).take("key:k", 5, Duration.ofHours(1));
        assertThat(refused.taken()).isFalse();
        assertThat(refused.remaining()).isZero();
        assertThat(refused.untilNextToken()).isEqualTo(Duration.ofMinutes(12));
        assertThat(refused.untilFull()).isEqualTo(Duration.ofHours(1));
        assertThat(buckets(node2).take("key:other", 5, Duration.ofHours(1)).taken()).as("a bucket per name").isTrue();
    }

    @Test
    void aBucketRefillsAtItsRateUpToItsCapacity() {
        RateBuckets b = buckets(node1);
        for (int i = 0; i < 2; i++) {
            assertThat(b.take("k", 2, Duration.ofMinutes(1)).taken()).isTrue();
        }
        assertThat(b.take("k", 2, Duration.ofMinutes(1)).taken()).isFalse();
        clock.advance(Duration.ofSeconds(30));
        BucketTake refilled = buckets(node2).take("k", 2, Duration.ofMinutes(1));
        assertThat(refilled.taken()).as("one token in half a minute").isTrue();
        assertThat(refilled.remaining()).isZero();
        assertThat(b.take("k", 2, Duration.ofMinutes(1)).taken()).isFalse();
        clock.advance(Duration.ofHours(1));
        BucketTake full = b.take("k", 2, Duration.ofMinutes(1));
        assertThat(full.taken()).isTrue();
        assertThat(full.remaining()).as("capped at the capacity").isEqualTo(1);
    }

    /** Runs {@link #TAKERS_PER_NODE} takers per node, all starting together; returns what each returned. */
    private <T> List<T> race(Function<Database, Callable<T>> worker) throws Exception {
        return SharedPostgres.race(List.of(node1, node2), TAKERS_PER_NODE, worker);
    }
}
